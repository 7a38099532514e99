package contactfile

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/frontedit"
)

// file is a contact file taken apart for editing: only its front matter
// changes, through package frontedit, which keeps every other byte.
type file struct{ *frontedit.File }

// parseFile splits src the way content.Load does and parses its front
// matter.
func parseFile(src []byte) (*file, error) {
	f, err := frontedit.Parse(src)
	if err != nil {
		return nil, err
	}
	return &file{f}, nil
}

// addItems adds items at the end of the list under key, turning a single
// value into a list: "email: a@x" → "email: [a@x, b@y]". An item with a
// type is written "type: value", in a list (one item a line when the key
// is new); aliases are always a list.
func (f *file) addItems(key string, items []content.Typed) error {
	k, v := frontedit.Get(f.Root(), key)
	switch {
	case k == nil && typed(items):
		lines := f.Indent() + key + ":" + f.NL()
		for _, it := range items {
			lines += f.Indent() + "  - " + typedText(it, content.YAMLText) + f.NL()
		}
		return f.Splice(f.Len(), f.Len(), lines)
	case k == nil:
		if len(items) == 1 && key != "aliases" {
			return f.AppendKey(key, content.YAMLText(items[0].Value))
		}
		return f.AppendKey(key, flowList(items))
	case frontedit.IsEmpty(v):
		if len(items) == 1 && items[0].Type == "" && key != "aliases" {
			return f.Fill(k, v, content.YAMLText(items[0].Value))
		}
		return f.Fill(k, v, flowList(items))
	case v.Kind == yaml.ScalarNode:
		start, end, err := f.Token(v)
		if err != nil {
			return err
		}
		old := f.Text(start, end)
		if v.Style == 0 && old != content.YAMLFlowText(v.Value) {
			old = content.YAMLFlowText(v.Value)
		}
		return f.Splice(start, end, "["+old+", "+strings.TrimPrefix(flowList(items), "["))
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0:
		open := f.Offset(v.Line, v.Column)
		end, err := f.Closing(open)
		if err != nil {
			return err
		}
		text := strings.TrimSuffix(strings.TrimPrefix(flowList(items), "["), "]")
		if len(v.Content) > 0 {
			text = ", " + text
		}
		return f.Splice(end, end, text)
	case v.Kind == yaml.SequenceNode && len(v.Content) > 0:
		last := v.Content[len(v.Content)-1]
		if last.Kind == yaml.MappingNode && len(last.Content) > 0 {
			last = last.Content[0] // "- type: value" starts at its type
		}
		itemStart := f.Offset(last.Line, last.Column)
		prefix := f.Text(f.LineStart(itemStart), itemStart)
		if strings.TrimSpace(prefix) != "-" {
			return fmt.Errorf("line %d: cannot add to this list", last.Line)
		}
		at := f.LineEnd(f.Offset(frontedit.LastLine(v.Content[len(v.Content)-1]), 1))
		var lines strings.Builder
		for _, it := range items {
			lines.WriteString(prefix + typedText(it, content.YAMLText) + f.NL())
		}
		return f.Splice(at, at, lines.String())
	}
	return fmt.Errorf("line %d: %s is not a list", k.Line, key)
}

func typed(items []content.Typed) bool {
	for _, it := range items {
		if it.Type != "" {
			return true
		}
	}
	return false
}

// flowList writes items as a one-line flow list: [a@x, work: "b, c"].
func flowList(items []content.Typed) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = typedText(it, content.YAMLFlowText)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// addEntry adds "sub: value" to the map under key ("links", "met"),
// creating the map when the key is missing. A raw value is written as it
// is (a date); any other is quoted as needed.
func (f *file) addEntry(key, sub, value string, raw bool) error {
	block, flow := content.YAMLText(value), content.YAMLFlowText(value)
	if raw {
		block, flow = value, value
	}
	k, v := frontedit.Get(f.Root(), key)
	switch {
	case k == nil:
		in := f.Indent()
		lines := in + key + ":" + f.NL() + in + "  " + content.YAMLText(sub) + ": " + block + f.NL()
		return f.Splice(f.Len(), f.Len(), lines)
	case frontedit.IsEmpty(v):
		return f.Fill(k, v, "{"+content.YAMLFlowText(sub)+": "+flow+"}")
	case v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle != 0:
		open := f.Offset(v.Line, v.Column)
		end, err := f.Closing(open)
		if err != nil {
			return err
		}
		text := content.YAMLFlowText(sub) + ": " + flow
		if len(v.Content) > 0 {
			text = ", " + text
		}
		return f.Splice(end, end, text)
	case v.Kind == yaml.MappingNode && len(v.Content) > 0:
		firstKey := v.Content[0]
		keyStart := f.Offset(firstKey.Line, firstKey.Column)
		indent := f.Text(f.LineStart(keyStart), keyStart)
		if strings.TrimSpace(indent) != "" {
			return fmt.Errorf("line %d: cannot add to this map", firstKey.Line)
		}
		at := f.LineEnd(f.Offset(frontedit.LastLine(v), 1))
		return f.Splice(at, at, indent+content.YAMLText(sub)+": "+block+f.NL())
	}
	return fmt.Errorf("line %d: %s is not a map", k.Line, key)
}
