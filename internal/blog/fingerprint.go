package blog

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"reflect"
	"time"

	"github.com/netjournal/netjournal/internal/public"
)

// fingerprinter hashes what a page template receives, so that a page whose
// data and templates are unchanged need not be rendered again. Posts, tags
// and the site are hashed by their own fields once per render; everything
// else by a walk of its exported fields.
type fingerprinter struct {
	posts map[*public.Post][]byte
	site  []byte
	n     int // counts walks of data it cannot hash, each then unique
}

func newFingerprinter(site *public.Site) *fingerprinter {
	f := &fingerprinter{posts: map[*public.Post][]byte{}}
	h := sha256.New()
	fmt.Fprintf(h, "%q %q %q %q %q %q %q %d %d %s", site.Title, site.Description, site.Author.Name, site.Author.Email,
		site.BaseURL, site.BasePath, site.Language, site.PageSize, site.FeedLength, site.Updated.Format(time.RFC3339Nano))
	// Pages show the counts of posts and of tags (the footer, the archive).
	// Templates may range over the site's posts and tags themselves.
	fmt.Fprintf(h, " %d %d", len(site.Posts), len(site.Tags))
	for _, p := range site.Posts {
		fmt.Fprintf(h, "\x00%q %q %s %q", p.Slug, p.Title, p.Date.Format(time.RFC3339Nano), p.Tags)
	}
	f.site = h.Sum(nil)
	return f
}

// post hashes the fields of a post that any page may show, and the titles
// of the posts linking to it.
func (f *fingerprinter) post(p *public.Post) []byte {
	if b, ok := f.posts[p]; ok {
		return b
	}
	h := sha256.New()
	fmt.Fprintf(h, "%q %q %q %s %s %q %q %v %d %d\x00", p.Slug, p.Title, p.Summary,
		p.Date.Format(time.RFC3339Nano), p.Updated.Format(time.RFC3339Nano), p.Tags, p.Link, p.Draft, p.Words, len(p.HTML))
	if p.HTMLSum != "" {
		h.Write([]byte(p.HTMLSum))
	} else {
		h.Write([]byte(p.HTML))
	}
	for _, b := range p.Backlinks {
		fmt.Fprintf(h, "\x00%q %q %s", b.Slug, b.Title, b.Date.Format(time.RFC3339Nano))
	}
	f.posts[p] = h.Sum(nil)
	return f.posts[p]
}

// of returns the fingerprint of a template's name and data.
func (f *fingerprinter) of(name string, data any) string {
	h := sha256.New()
	h.Write([]byte(name + "\x00"))
	f.walk(h, reflect.ValueOf(data))
	return string(h.Sum(nil))
}

var (
	postType = reflect.TypeFor[*public.Post]()
	tagType  = reflect.TypeFor[*public.Tag]()
	siteType = reflect.TypeFor[*public.Site]()
	timeType = reflect.TypeFor[time.Time]()
)

func (f *fingerprinter) walk(h hash.Hash, v reflect.Value) {
	if !v.IsValid() {
		h.Write([]byte{0})
		return
	}
	switch v.Type() {
	case postType:
		if v.IsNil() {
			h.Write([]byte("nil"))
		} else {
			h.Write(f.post(v.Interface().(*public.Post)))
		}
		return
	case tagType:
		if v.IsNil() {
			h.Write([]byte("nil"))
			return
		}
		t := v.Interface().(*public.Tag)
		fmt.Fprintf(h, "tag %q %q %d", t.Name, t.Slug, len(t.Posts))
		for _, p := range t.Posts {
			h.Write(f.post(p))
		}
		return
	case siteType:
		h.Write(f.site)
		return
	case timeType:
		h.Write([]byte(v.Interface().(time.Time).Format(time.RFC3339Nano)))
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.Write([]byte("nil"))
			return
		}
		f.walk(h, v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			// Embedded structs count: templates see their fields.
			if sf := v.Type().Field(i); sf.IsExported() || sf.Anonymous {
				f.walk(h, v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		binary.Write(h, binary.LittleEndian, int64(v.Len()))
		for i := range v.Len() {
			f.walk(h, v.Index(i))
		}
	case reflect.String:
		binary.Write(h, binary.LittleEndian, int64(v.Len()))
		h.Write([]byte(v.String()))
	case reflect.Bool, reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Float64:
		fmt.Fprintf(h, "%v;", v.Interface())
	default:
		// A kind of data this walk does not know (a map, a func): make
		// the fingerprint unique, so the page is always rendered.
		f.n++
		fmt.Fprintf(h, "unique %d %p", f.n, f)
	}
}
