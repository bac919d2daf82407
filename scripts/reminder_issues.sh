#!/usr/bin/env bash
# Open or update one reminder issue per organisation from the JSON of
# `python -m portal_content.freshness --json`, and close reminders that are no
# longer needed. Used by .github/workflows/nightly.yml; needs `gh` and `jq`.
# Usage: scripts/reminder_issues.sh freshness.json
set -euo pipefail

report="${1:?usage: $0 freshness.json}"
label="listing-reminder"

gh label create "$label" --color FBCA04 --description "Listings to review or closing soon" >/dev/null 2>&1 || true
open_issues="$(gh issue list --label "$label" --state open --limit 500 --json number,title)"

wanted_titles="[]"
while IFS= read -r group; do
  [ -n "$group" ] || continue
  title="$(jq -r '.issue_title' <<<"$group")"
  body="$(jq -r '.issue_body' <<<"$group")"
  wanted_titles="$(jq -c --arg t "$title" '. + [$t]' <<<"$wanted_titles")"
  number="$(jq -r --arg t "$title" 'map(select(.title == $t)) | .[0].number // empty' <<<"$open_issues")"
  if [ -n "$number" ]; then
    gh issue edit "$number" --body "$body" >/dev/null
    echo "Updated #$number: $title"
  else
    gh issue create --title "$title" --body "$body" --label "$label" >/dev/null
    echo "Opened: $title"
  fi
done < <(jq -c '.organisations[]' "$report")

while IFS= read -r number; do
  [ -n "$number" ] || continue
  gh issue close "$number" --comment "Everything from this organisation is up to date now. Thank you." >/dev/null
  echo "Closed #$number"
done < <(jq -r --argjson wanted "$wanted_titles" 'map(select(.title as $t | $wanted | index($t) | not)) | .[].number' <<<"$open_issues")
