package page

import (
	"bytes"
	"html/template"
	"sync"
)

// Fragments remembers the output of templates executed for a part of a
// page, such as one entry of a list, keyed as pages are: on the template
// set, the template's name and a hash of the data. A list page whose data
// changed in one entry (a post's reading time, on every tag page it is
// on) is executed again, but its other entries are not; and an entry
// shown on several pages (the home page, its tags) is executed once.
//
// A fragment is executed on its own, in the context a template starts
// in: HTML text. Its output is what the same template would write in
// place anywhere in HTML text, such as inside an <li>.
//
// It keeps what was used since the last Sweep and in the one before. The
// zero Fragments is ready to use; its methods are safe for concurrent use.
type Fragments struct {
	mu        sync.Mutex
	cur, prev map[Key]template.HTML
}

// Execute returns the output of the template name of the set templates
// (its fingerprint) on data, executing it only when not remembered. data
// must be plain, as a page's.
func (f *Fragments) Execute(templates, name string, data any, exec Executor) (template.HTML, error) {
	key, err := KeyOf("fragment\x00"+templates, name, data)
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	out, ok := f.cur[key]
	if !ok {
		if out, ok = f.prev[key]; ok {
			f.cur[key] = out
		}
	}
	f.mu.Unlock()
	if ok {
		return out, nil
	}
	var b bytes.Buffer
	if err := exec(&b, name, data); err != nil {
		return "", err
	}
	out = template.HTML(b.String())
	f.mu.Lock()
	if f.cur == nil {
		f.cur = map[Key]template.HTML{}
	}
	f.cur[key] = out
	f.mu.Unlock()
	return out, nil
}

// Sweep forgets what was not used since the Sweep before.
func (f *Fragments) Sweep() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.prev, f.cur = f.cur, make(map[Key]template.HTML, len(f.cur))
}
