package wiki

// TagsIndex is the data of tags/index.html.
type TagsIndex struct {
	*Page
	Tags []TagCount // by name
}

// TagPage is the data of tags/<slug>.html: a filter of contacts and posts.
type TagPage struct {
	*Page
	Tag Tag
}

// Tag is a tag with its contacts and posts.
type Tag struct {
	Name     string
	Contacts []ContactRow
	Posts    []PostRow
}

func (r *renderer) tags() {
	idx := &TagsIndex{Page: r.page("tags/index.html", "Tags", "tags")}
	for _, t := range r.j.Tags {
		idx.Tags = append(idx.Tags, TagCount{TagRef: TagRef{Name: t.Name, Path: r.v.tagPath(t.Name)}, Contacts: len(t.Contacts), Posts: len(t.Posts)})
	}
	r.write("tags.html", idx.Page, idx)
	for _, t := range r.j.Tags {
		path := "tags/" + t.Slug + ".html"
		r.later("tag.html", path, func() any { // made when its page is (see posts)
			p := r.page(path, "#"+t.Name, "tags")
			return &TagPage{Page: p, Tag: Tag{Name: t.Name, Contacts: r.v.contactRows(t.Contacts), Posts: r.v.postRows(t.Posts)}}
		})
	}
}
