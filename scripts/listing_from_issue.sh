#!/usr/bin/env bash
# Turn a "List an opportunity" issue into a pull request, or tell its author what to fix.
# Used by .github/workflows/listing-from-issue.yml; needs git, `gh` (GH_TOKEN, GH_REPO) and Python.
# Environment: ISSUE_NUMBER, ISSUE_BODY (untrusted text, never evaluated), BASE_BRANCH (default main).
# Editing the issue runs this again: the same branch is rewritten and the same pull request updated.
set -euo pipefail

number="${ISSUE_NUMBER:?ISSUE_NUMBER is not set}"
base="${BASE_BRANCH:-main}"
python="${PYTHON:-python}"
branch="listing/issue-${number}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! printf '%s' "${ISSUE_BODY:-}" | "$python" -m portal_content.from_issue --content content -s pelicanconf.py \
    --json "$work/report.json" >"$work/out.txt" 2>"$work/problems.txt"; then
  [ -s "$work/report.json" ] || { cat "$work/problems.txt" >&2; exit 1; }  # the command itself failed
  {
    echo "Thank you. Some answers need a change before the listing can go on the portal:"
    echo
    jq -r '.problems[] | "- " + .' "$work/report.json"
    echo
    echo "Edit this issue to fix them (the ... menu at the top of the issue, then **Edit**). It is checked again when you save."
    if jq -e '.problems[0] | test("^Line [0-9]")' "$work/report.json" >/dev/null; then
      echo "Line numbers count the lines inside the \`\`\`yaml block, starting at 1."
    fi
  } >"$work/comment.md"
  gh issue comment "$number" --body-file "$work/comment.md" >/dev/null
  echo "Commented the problems on #$number"
  exit 0
fi

gh issue edit "$number" --add-label new-listing >/dev/null 2>&1 || true  # so the team can find listing issues
path="$(jq -r '.path' "$work/report.json")"
title="$(jq -r '.title' "$work/report.json")"
replaces="$(jq -r '.replaces' "$work/report.json")"
verb="Add"
[ "$replaces" = "true" ] && verb="Update"

git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch --force-create "$branch" >/dev/null
git add -- "$path"
git commit --quiet -m "$verb listing: $title" -m "From issue #$number."
git push --quiet --force origin "$branch"

{
  echo "$verb the listing **$title** (\`$path\`), made from #$number by the issue workflow."
  echo
  echo "Closes #$number"
  echo
  echo "The file passed the same checks as the build. Before merging, check what CONTRIBUTING.md asks reviewers to check."
  [ "$replaces" = "true" ] && echo "This replaces the listing that was already in \`$path\`: look at the changes in **Files changed**."
} >"$work/pr.md"

existing="$(gh pr list --head "$branch" --state open --json number --jq '.[0].number // empty')"
if [ -n "$existing" ]; then
  gh pr edit "$existing" --title "$verb listing: $title" --body-file "$work/pr.md" >/dev/null
  echo "Updated pull request #$existing from #$number"
else
  url="$(gh pr create --base "$base" --head "$branch" --title "$verb listing: $title" --body-file "$work/pr.md")"
  gh issue comment "$number" --body "Thank you. Your listing passed every check and is waiting for the portal team: $url" >/dev/null
  echo "Opened $url from #$number"
fi
# Pull requests opened with the workflow's own token do not start other workflows; a manual run does.
gh workflow run check.yml --ref "$branch" >/dev/null 2>&1 || echo "Could not start the check workflow on $branch"
