package wiki

import "github.com/netjournal/netjournal/internal/journal"

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
			return &TagPage{Page: p, Tag: Tag{Name: t.Name, Contacts: r.v.contactRows(t.Contacts), Posts: r.tagPostRows(path, t)}}
		})
	}
}

// tagPostRows returns the rows of the posts of t, whose page is at path.
// When the posts are the last render's and so is what a row shows of
// them (postsKept: the frame, every document's reference and the tags'
// paths are the same), so are a tag's posts and their rows: the last
// render's are taken. At 10,000 posts, each post's row made again for
// each of its tags was half the tag pages' cost in an event added's
// rebuild.
func (r *renderer) tagPostRows(path string, t *journal.Tag) []PostRow {
	rows, ok := r.lastTagPosts[path]
	if !ok || !r.postsKept {
		rows = r.v.postRows(t.Posts)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tagPosts == nil {
		r.tagPosts = map[string][]PostRow{}
	}
	r.tagPosts[path] = rows
	return rows
}
