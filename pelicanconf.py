"""Settings for the West Yorkshire example site.

Another region copies this file and changes the values in the first block
(name, region, areas, colours, repository); nothing else needs code changes.
See README.md, "Configure another region".
"""

# -- The region: change these to make the portal yours ------------------------
SITENAME = "Volunteer for health and care in West Yorkshire"
SITE_SHORT_NAME = "Volunteer West Yorkshire"
PORTAL_REGION = "West Yorkshire"
PORTAL_PARTNERSHIP = "West Yorkshire Health and Care Partnership"
PORTAL_TAGLINE = "Find the right volunteering opportunity, in the right place, at the right time."
PORTAL_CONTACT_EMAIL = "volunteering@example.org.uk"
PORTAL_REPOSITORY_URL = "https://github.com/example-ics/volunteer-portal"
PORTAL_REPOSITORY_BRANCH = "main"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"

# Brand colours, written into the stylesheet as CSS custom properties.
# Keep text contrast at 4.5:1 or more against white.
PORTAL_COLOURS = {
    "brand": "#005a70",
    "brand-dark": "#003d4c",
    "link": "#1d5a9b",
    "link-visited": "#5b3a8c",
    "focus": "#ffdd00",
}

# Vocabularies: replace any of them to suit the region. Keys are used in
# content files and URLs; values are what people read. Areas must be set.
PORTAL_VOCABULARIES = {
    "areas": {
        "bradford": "Bradford District and Craven",
        "calderdale": "Calderdale",
        "kirklees": "Kirklees",
        "leeds": "Leeds",
        "wakefield": "Wakefield",
    },
}

# The region's postcode areas (OS Code-Point Open): the Near box on /search/ knows every
# postcode and district in them, and place names are taken from the box they cover plus
# PORTAL_PLACES_MARGIN_MILES. Postcodes elsewhere in Great Britain still work on listings.
PORTAL_POSTCODE_AREAS = ["BD", "HD", "HX", "LS", "WF"]
PORTAL_PLACES_MARGIN_MILES = 5
# Each /near/ page lists at most this many of the nearest open opportunities.
PORTAL_NEAR_LIMIT = 100
# Towns of at least this many people (GeoNames) in the region get a /near/<town>/ page.
PORTAL_NEAR_TOWN_POPULATION = 20_000

# Content pages (content/pages/<slug>.md) linked from every page's footer, in this order.
# A slug with no page is skipped.
PORTAL_FOOTER_PAGES = ["about", "accessibility", "privacy"]

# -- Where the site lives ------------------------------------------------------
# Links inside pages are relative (RELATIVE_URLS), so the built site works on
# any host, port or sub-path. SITEURL is the absolute address that feeds, the
# sitemap, canonical links, open data and the widget need (templates read it as
# SITE_ABSOLUTE_URL); the example uses `make serve`'s, publishconf.py the real one.
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = True

# -- How Pelican reads the content (no need to change) -------------------------
PATH = "content"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# portal_search runs Pagefind once everything else is written, so it comes last.
PLUGINS = ["portal_content", "portal_pages", "portal_feeds", "portal_embed", "portal_submit", "portal_stats", "portal_share", "portal_search"]

# Only ordinary pages are Pelican content; opportunities, organisations and
# principles are read by the portal_content plugin.
ARTICLE_PATHS = []
ARTICLE_EXCLUDES = ["opportunities", "organisations", "principles", "pages"]
PAGE_PATHS = ["pages"]
PAGE_EXCLUDES = []
STATIC_PATHS = []
READERS = {"html": None}

# Escape everything templates print unless marked safe (organisation text is untrusted).
# auto_reload off: a build is one process and its templates do not change while it runs, so
# Jinja need not stat each template file every time a page uses it (about 20 a page).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True, "auto_reload": False}

PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_SAVE_AS = ""
ARTICLE_URL = ""
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
INDEX_SAVE_AS = ""
DIRECT_TEMPLATES = []
PAGINATION_PATTERNS = ((1, "{url}", "{save_as}"), (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"))

FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = [".git"]
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
TYPOGRIFY = False
SLUGIFY_SOURCE = "basename"
DEFAULT_DATE = "fs"
