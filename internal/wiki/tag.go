package wiki

import (
	"fmt"

	"github.com/netjournal/netjournal/internal/journal"
)

// TagsIndex is the data of tags/index.html.
type TagsIndex struct {
	*Page
	Tags []*journal.Tag // by name
}

// TagPage is the data of tags/<slug>.html: a filter of contacts and posts.
type TagPage struct {
	*Page
	Tag *journal.Tag
}

func (r *renderer) tags() {
	idx := &TagsIndex{Page: r.page("tags/index.html", "Tags", "tags"), Tags: r.j.Tags}
	r.write("tags.html", idx.Page, idx)
	for _, t := range r.j.Tags {
		contacts := make([]journal.Node, 0, len(t.Contacts))
		for _, c := range t.Contacts {
			contacts = append(contacts, c)
		}
		if r.reuse("tags/"+t.Slug+".html", fmt.Sprintf("tag.html\x00%q\x00%s\x00%s", t.Name, r.members(1, contacts...), r.postRows(t.Posts))) {
			continue
		}
		p := r.page("tags/"+t.Slug+".html", "#"+t.Name, "tags")
		r.write("tag.html", p, &TagPage{Page: p, Tag: t})
	}
}
