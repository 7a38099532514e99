package scaffold

import (
	"fmt"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

// Site returns the files of a new site, by slash path: a configuration, a
// .gitignore that keeps the private wiki out of git, and one contact, one
// event and one post to show the format. It builds without a warning on
// the day given and on every day after.
func Site(title, author string, today time.Time) map[string][]byte {
	day := today.Format(time.DateOnly)
	due := today.AddDate(0, 0, 14).Format(time.DateOnly)
	met := today.AddDate(0, 0, -7).Format(time.DateOnly)
	event := fmt.Sprintf("content/events/%s-coffee-with-sam.md", day)
	authorLine := `# author: {name: "Your Name", email: "you@example.com"}`
	if author != "" {
		authorLine = "author: {name: " + content.YAMLFlowText(author) + "}"
	}
	r := strings.NewReplacer("{title}", content.YAMLText(title), "{author}", authorLine, "{day}", day, "{due}", due, "{met}", met)
	return map[string][]byte{
		"netjournal.yaml":                 []byte(r.Replace(siteConfig)),
		".gitignore":                      []byte(gitignore),
		"content/contacts/sam-rivera.md":  []byte(r.Replace(siteContact)),
		event:                             []byte(r.Replace(siteEvent)),
		"content/posts/hello-world.md":    []byte(r.Replace(sitePost)),
		"content/posts/notes-from-sam.md": []byte(r.Replace(siteDraft)),
	}
}

const siteConfig = `# netjournal site configuration: see docs/format.md for every key.
title: {title}                       # the blog's name
description: "Notes on my work."
base_url: "https://example.com/"     # where public/ is deployed
{author}
# page_size: 10
# stale_after: 1y                    # flag contact details reviewed longer ago
circles:                             # in display order, each with a default cadence
  core: {cadence: 1m, description: "People I talk to every month"}
  active: {cadence: 3m}
  dormant: {cadence: 1y}
`

const gitignore = `# netjournal build output. private/ is your relationship wiki: never
# commit or deploy it. public/ is rebuilt from content/ on every build.
# .netjournal/ is where builds stage their output.
/private/
/public/
/.netjournal/
`

const siteContact = `---
name: Sam Rivera
company: Example Corp
role: Engineering Manager
email: sam@example.com
tags: [example]
circle: core
met:
  date: {met}
  at: a meetup
reviewed: {met}
---
Private notes about Sam: what they work on, what they care about, how you
can help. Link to any contact, event or post by name in double brackets,
such as [[Coffee with Sam]].
`

const siteEvent = `---
title: Coffee with Sam
date: {day}
kind: coffee
with: [sam-rivera]
followups:
  - who: sam-rivera
    due: {due}
    what: send Sam the article on team topologies
---
What you talked about. Run "netjournal followups" to see what you owe whom,
and "netjournal new event" to write the next one.
`

const sitePost = `---
title: Hello, world
date: {day}
tags: [meta]
summary: The first post of this blog.
---
This is the public blog. Everything under content/contacts and
content/events stays in the private wiki.
`

const siteDraft = `---
title: Notes from a coffee with Sam
date: {day}
draft: true
---
A draft: listed in the wiki, never published until you remove draft: true.
`
