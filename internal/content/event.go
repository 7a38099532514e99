package content

// Event is one entry of the journal: content/events/<slug>.md.
type Event struct {
	Doc `yaml:"-"`

	Title       string     `yaml:"title"`
	Date        Date       `yaml:"date"`
	End         Date       `yaml:"end"`
	Kind        string     `yaml:"kind"`
	Location    string     `yaml:"location"`
	With        StringList `yaml:"with"`
	InitiatedBy string     `yaml:"initiated_by"` // "me" or a contact ref
	Gave        []Gift     `yaml:"gave"`
	Received    []Receipt  `yaml:"received"`
	Followups   []Followup `yaml:"followups"`
	Shared      []Share    `yaml:"shared"`
}

// Gift is a favour the user did for someone.
type Gift struct {
	To   string `yaml:"to"`
	What string `yaml:"what"`
}

// Receipt is a favour someone did for the user.
type Receipt struct {
	From string `yaml:"from"`
	What string `yaml:"what"`
}

// Followup is a promised next step.
type Followup struct {
	Who  string `yaml:"who"`
	Due  Date   `yaml:"due"`
	What string `yaml:"what"`
	Done Done   `yaml:"done"`
}

// Share is an article or opportunity passed on to people.
type Share struct {
	With StringList `yaml:"with"`
	Link string     `yaml:"link"` // a URL or a post ref
	Note string     `yaml:"note"`
}

func (e *Event) validate(errs *ErrorList) {
	if e.Title == "" {
		errs.Add(e.Pos("title"), "missing required key \"title\"")
	}
	if !e.Date.IsSet() {
		errs.Add(e.Pos("date"), "missing required key \"date\"")
	}
	if e.End.IsSet() && e.Date.IsSet() && e.End.Day().Before(e.Date.Day()) {
		errs.Add(e.Pos("end"), "end %s is before date %s", e.End, e.Date)
	}
	for i, g := range e.Gave {
		if g.To == "" {
			errs.Add(e.Pos(key("gave", i)), "gave: missing required key \"to\"")
		}
	}
	for i, r := range e.Received {
		if r.From == "" {
			errs.Add(e.Pos(key("received", i)), "received: missing required key \"from\"")
		}
	}
	for i, f := range e.Followups {
		if f.What == "" {
			errs.Add(e.Pos(key("followups", i)), "followups: missing required key \"what\"")
		}
	}
	for i, s := range e.Shared {
		if len(s.With) == 0 {
			errs.Add(e.Pos(key("shared", i)), "shared: missing required key \"with\"")
		}
		if s.Link == "" {
			errs.Add(e.Pos(key("shared", i)), "shared: missing required key \"link\"")
		}
	}
}
