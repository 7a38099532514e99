package blogimport

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxDataFile bounds a data file the import reads: a site's data is a
// few tables, not a database dump.
const maxDataFile = 4 << 20

// jekyllData reads the site's data folder (_data, or data_dir) as Jekyll
// gives it to Liquid, site.data: each file by its name without its
// extension, a folder a table of its files; YAML and JSON as they are, a
// CSV or TSV file a list of its rows, each a table by the first row's
// names. A file that does not read is left out, and said by warn (its
// values then read as nothing, and the Liquid that names them is left
// out, and said).
func jekyllData(fsys fs.FS, dir string, warn func(p string, err error)) map[string]any {
	data := map[string]any{}
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err != nil || info.Size() > maxDataFile {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		ext := strings.ToLower(path.Ext(p))
		var v any
		switch ext {
		case ".yml", ".yaml":
			err = yaml.Unmarshal(b, &v)
		case ".json":
			err = json.Unmarshal(b, &v)
		case ".csv", ".tsv":
			v, err = dataRows(b, ext == ".tsv")
		default:
			return nil
		}
		if err != nil {
			warn(p, err)
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		m := data
		folders := strings.Split(path.Dir(rel), "/")
		if path.Dir(rel) == "." {
			folders = nil
		}
		for _, f := range folders {
			f = dataName(f) // a folder's name too, as Jekyll's DataReader has it
			sub, ok := m[f].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[f] = sub
			}
			m = sub
		}
		m[dataName(strings.TrimSuffix(path.Base(rel), path.Ext(rel)))] = stringKeys(v)
		return nil
	})
	return data
}

// dataName is a data file's name as Jekyll's DataReader gives it to
// site.data: what is no word character, space nor hyphen taken out
// (team.members is teammembers), a run of spaces one _.
func dataName(name string) string {
	name = dataNameDrop.ReplaceAllString(name, "")
	return strings.Join(strings.Fields(name), "_")
}

var dataNameDrop = regexp.MustCompile(`[^\w\s-]+`)

// stringKeys is v with every table's keys text (YAML's 2019: is a
// number), as Liquid looks them up: site.data.years[2019].
func stringKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = stringKeys(x)
		}
		return v
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[fmt.Sprint(k)] = stringKeys(x)
		}
		return out
	case []any:
		for i, x := range v {
			v[i] = stringKeys(x)
		}
		return v
	}
	return v
}

// dataRows reads a CSV (or TSV) file as Jekyll does: a row a table, by
// the names of the first row.
func dataRows(b []byte, tabs bool) ([]any, error) {
	r := csv.NewReader(strings.NewReader(string(b)))
	if tabs {
		r.Comma = '\t'
	}
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	var out []any
	for _, row := range rows[1:] {
		m := map[string]any{}
		for i, name := range rows[0] {
			if i < len(row) {
				m[name] = row[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// liquidLookup returns the value that a Liquid variable's path names
// in root: names between dots, and [N] or ["name"] (site.data.talks[1].title),
// with Liquid's size of a list, a table or a text, and first and last
// of a list.
func liquidLookup(root any, p string) (any, bool) {
	v := root
	for p != "" {
		var key string
		switch {
		case p[0] == '.':
			p = p[1:]
			continue
		case p[0] == '[':
			end := strings.IndexByte(p, ']')
			if end < 0 {
				return nil, false
			}
			key, p = strings.Trim(p[1:end], `"'`), p[end+1:]
			if n, err := strconv.Atoi(key); err == nil {
				list, ok := v.([]any)
				if !ok {
					break // a table's key that is a number: years[2019]
				}
				if n < 0 {
					n += len(list)
				}
				if n < 0 || n >= len(list) {
					return nil, false
				}
				v = list[n]
				continue
			}
		default:
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			key, p = p[:end], p[end:]
		}
		if list, ok := v.([]any); ok {
			// Liquid's size, first and last of a list.
			switch key {
			case "size":
				v = len(list)
				continue
			case "first", "last":
				if len(list) == 0 {
					return nil, false
				}
				v = list[0]
				if key == "last" {
					v = list[len(list)-1]
				}
				continue
			}
		}
		if str, ok := v.(string); ok && key == "size" {
			v = utf8.RuneCountInString(str) // a text's characters
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if e, ok := m[key]; ok {
			v = e
		} else if key == "size" {
			v = len(m) // a table's entries, unless it has a "size"
		} else {
			return nil, false
		}
	}
	return v, true
}

// liquidDate formats s, a date as Liquid reads one (Jekyll's page.date:
// 2020-01-02 00:00:00 +0000, or a day), by format, as Liquid's date
// filter does (strftime). ok is false for what is no date.
func liquidDate(s, format string) (string, bool) {
	s = strings.TrimSpace(s)
	var t time.Time
	var err error
	for _, layout := range []string{"2006-01-02 15:04:05 -0700", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		return "", false
	}
	out, err := includeEngine.ParseAndRenderString("{{ t | date: f }}", map[string]any{"t": t, "f": format})
	return out, err == nil
}

// includeRelativeTag is an {% include_relative FILE %} of no arguments:
// one with arguments is run by the converter (includeOutput), which
// gives the file its include.* values.
var includeRelativeTag = regexp.MustCompile(`\{%-?\s*include_relative\s+([^\s%]+)\s*-?%\}`)

// includable reports whether Jekyll includes a file of the name, as an
// include tag's file: not one with .., //, ./ or /. in it, nor one that
// starts with / (IncludeTag's invalid sequences).
func includable(name string) bool {
	return !invalidSequence.MatchString(name) && !strings.HasPrefix(name, "/")
}

var invalidSequence = regexp.MustCompile(`[./]{2,}`)

// maxIncludeDepth bounds the files included in included files.
const maxIncludeDepth = 5

// includeRelatives returns body, the body of the file at rel, with each
// {% include_relative FILE %} outside code put in its place, as Jekyll
// puts it there before kramdown reads the page: the file beside rel
// (read returns it, or false), its own include_relative's beside it.
// The included text is then the page's, read as kramdown reads the page
// (its tables, its {::comment}, its attribute lists) and its Liquid run
// with the page's. inserted are the lines it added, for fileLineAt: a
// problem in them is said at the tag's line.
func includeRelatives(body, rel string, read func(string) (string, bool)) (string, []int) {
	out, inserted := includeRelativesIn(body, rel, read, 0)
	return out, inserted
}

func includeRelativesIn(body, rel string, read func(string) (string, bool), depth int) (string, []int) {
	if read == nil || depth >= maxIncludeDepth || !strings.Contains(body, "include_relative") {
		return body, nil
	}
	code := codeRegions(body)
	opaque, _ := liquidOpaque(body)
	code = append(code, opaque...)
	var b strings.Builder
	var inserted []int
	last, line := 0, 0 // line: of the output, counted from 0
	for _, m := range includeRelativeTag.FindAllStringSubmatchIndex(body, -1) {
		if code.in(m[0]) {
			continue
		}
		name := body[m[2]:m[3]]
		p := path.Join(path.Dir(rel), name)
		if !includable(name) || !fs.ValidPath(p) {
			continue
		}
		text, ok := read(p)
		if !ok {
			continue // the converter says it is not converted
		}
		if !strings.Contains(body, "\r\n") {
			text = strings.ReplaceAll(text, "\r\n", "\n") // the page's line endings
		}
		// As read, its last line break too; its own include_relative's
		// beside the page, as Jekyll's page_path has them.
		text, _ = includeRelativesIn(text, rel, read, depth+1)
		b.WriteString(body[last:m[0]])
		line += strings.Count(body[last:m[0]], "\n")
		for i, n := 0, strings.Count(text, "\n"); i < n; i++ {
			inserted = append(inserted, line+1+i)
		}
		line += strings.Count(text, "\n")
		b.WriteString(text)
		last = m[1]
	}
	if last == 0 {
		return body, nil
	}
	b.WriteString(body[last:])
	return b.String(), inserted
}
