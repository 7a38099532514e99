// Package gotemplate holds netjournal's copy of the Go standard library's
// text/template and html/template (in text and html), which execute its
// templates without reflect.Value.Call on the escapers html/template adds
// to every action, nor reflect's lookup of a method or field by name on
// every field of every action. README.md says what changed and how the
// copy is made.
package gotemplate
