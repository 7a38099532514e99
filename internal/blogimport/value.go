package blogimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// text returns a scalar as text: a string as it is, a number or a bool
// as written.
func text(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case int:
		return strconv.Itoa(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case time.Time:
		return v.Format(time.RFC3339), true
	}
	return "", false
}

// list returns a list of scalars, or one scalar, as texts. ok is false for
// anything else (a map, a list holding a list).
func list(v any) (out []string, ok bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case []any:
		for _, x := range v {
			if x == nil {
				continue
			}
			s, ok := text(x)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	s, ok := text(v)
	if !ok {
		return nil, false
	}
	return []string{s}, true
}

// boolean reads true or false, and the words Ruby's YAML reads as them.
func boolean(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case int64:
		return v != 0, true // Hugo's draft: 1
	case int:
		return v != 0, true
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "yes", "on", "y", "t", "1":
			return true, true
		case "false", "no", "off", "n", "f", "0":
			return false, true
		}
	}
	return false, false
}

// stamp is a date as another generator wrote it.
type stamp struct {
	t     time.Time
	clock bool // a time of day was given
	zoned bool // a zone was given
}

// zoned layouts are tried before the ones without a zone.
var (
	zonedLayouts = []string{
		time.RFC3339Nano,
		"2006-01-02T15:04Z07:00",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999 Z07:00",
		"2006-01-02 15:04:05.999999999 -0700",
		"2006-01-02T15:04:05.999999999-0700",
		"2006-01-02 15:04Z07:00",
		"2006-01-02 15:04 Z07:00",
		"2006-01-02 15:04 -0700",
		time.RFC1123Z,
		"Mon, 2 Jan 2006 15:04:05 -0700",
		time.RFC822Z,
		// Ruby's Time#to_s of old, which Jekyll's Time.parse reads:
		// "Sun Jan 01 22:26:17 -0600 2012".
		time.RubyDate,
		"Mon Jan _2 15:04:05 -0700 2006",
	}
	clockLayouts = []string{
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04",
		"2006-01-02 15:04",
		"2006/01/02 15:04:05",
		"2006/01/02 15:04",
		"2006-01-02 15:04:05 MST",
		"2006-01-02T15:04:05 MST",
		time.ANSIC, // "Sun Jan  1 22:26:17 2012" (date(1)'s, whose zone name says no offset, is not read)
	}
	dayLayouts = []string{
		time.DateOnly,
		"2006/01/02",
		"2006-1-2",
		"2006/1/2",
		"January 2, 2006",
		"Jan 2, 2006",
		"2 January 2006",
		"2 Jan 2006",
		"02 Jan 2006",
		"Monday, January 2, 2006",
		"Mon, 2 Jan 2006",
		"Mon, Jan 2, 2006",
	}
)

// date reads a date: a TOML date, or text in any of the forms Hugo and
// Jekyll read. A time without a zone is in loc (UTC when nil).
func date(v any, loc *time.Location) (stamp, error) {
	if loc == nil {
		loc = time.UTC
	}
	var s stamp
	switch v := v.(type) {
	case time.Time:
		// TOML's local dates and times come in zones of these names.
		switch v.Location().String() {
		case "date-local":
			s = stamp{t: time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)}
		case "datetime-local":
			s = stamp{t: inZone(v, loc), clock: true, zoned: loc != time.UTC}
		case "time-local":
			return stamp{}, fmt.Errorf("expected a date, got a time of day %s", v.Format("15:04:05"))
		default:
			s = stamp{t: v, clock: true, zoned: true}
		}
	case string:
		var err error
		if s, err = parseDate(v, loc); err != nil {
			return stamp{}, err
		}
	case int64:
		return stamp{}, fmt.Errorf("expected a date, got the number %d", v)
	default:
		return stamp{}, fmt.Errorf("expected a date, got %s", describe(v))
	}
	if y := s.t.Year(); y < 1 || y > 9999 {
		return stamp{}, fmt.Errorf("invalid date %s: the year is out of range", describe(v))
	}
	return s, nil
}

// shortDate is a date whose month or day, or its time's hour, may be of
// one digit: year, separator, month, day, and the time's separator, hour
// and rest.
var shortDate = regexp.MustCompile(`^(\d{4})([-/])(\d{1,2})[-/](\d{1,2})(?:([ T])(\d{1,2})(:\d{2}.*))?$`)

func parseDate(v string, loc *time.Location) (stamp, error) {
	v = strings.TrimSpace(v)
	// A month, a day or an hour of one digit, as Ruby's Time.parse
	// (Jekyll's) reads them: 2014-10-1 12:00:00, 2014/3/7 7:05.
	if m := shortDate.FindStringSubmatch(v); m != nil {
		pad := func(s string) string { return fmt.Sprintf("%02s", s) }
		v = m[1] + m[2] + pad(m[3]) + m[2] + pad(m[4])
		if m[5] != "" {
			v += m[5] + pad(m[6]) + m[7]
		}
	}
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return stamp{t: t, clock: true, zoned: true}, nil
		}
	}
	for _, l := range clockLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return stamp{t: inZone(t, loc), clock: true, zoned: loc != time.UTC}, nil
		}
	}
	for _, l := range dayLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return stamp{t: t}, nil
		}
	}
	// A day's or a month's name by its first three letters, as Ruby's
	// Time.parse reads them (Thurs, Sept), and as the layouts write them.
	if short := dateName.ReplaceAllStringFunc(v, func(w string) string { return w[:3] }); short != v {
		if s, err := parseDate(short, loc); err == nil {
			return s, nil
		}
	}
	return stamp{}, fmt.Errorf("invalid date %q", v)
}

// dateName is a word longer than three letters that begins as a day's or
// a month's name does.
var dateName = regexp.MustCompile(`(?i)\b(?:sun|mon|tue|wed|thu|fri|sat|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]+\b`)

// inZone reads t's wall clock in loc.
func inZone(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
}

// String writes the date as netjournal reads it: YYYY-MM-DD, RFC 3339, or
// a time without a zone, which netjournal reads as UTC.
func (s stamp) String() string {
	switch {
	case !s.clock:
		return s.t.Format(time.DateOnly)
	case s.zoned:
		return s.t.Truncate(time.Second).Format(time.RFC3339)
	}
	return s.t.Format("2006-01-02T15:04:05")
}

// day is the calendar day, for comparisons.
func (s stamp) day() time.Time {
	y, m, d := s.t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
