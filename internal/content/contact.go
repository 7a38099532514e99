package content

// Contact is one person of the network: content/contacts/<slug>.md.
type Contact struct {
	Doc `yaml:"-"`

	Name        string          `yaml:"name"`
	Aliases     StringList      `yaml:"aliases"`
	Company     string          `yaml:"company"`
	Role        string          `yaml:"role"`
	Location    string          `yaml:"location"`
	Email       StringList      `yaml:"email"`
	Phone       StringList      `yaml:"phone"`
	Links       Links           `yaml:"links"`
	Tags        StringList      `yaml:"tags"`
	Circle      string          `yaml:"circle"`
	Cadence     Duration        `yaml:"cadence"`
	SnoozeUntil Date            `yaml:"snooze_until"`
	Met         *Met            `yaml:"met"`
	Birthday    Birthday        `yaml:"birthday"`
	Reviewed    Date            `yaml:"reviewed"`
	Public      *PublicIdentity `yaml:"public"`
}

// Met records how the user met a contact.
type Met struct {
	Date         Date   `yaml:"date"`
	At           string `yaml:"at"`            // an event ref, or free text
	IntroducedBy string `yaml:"introduced_by"` // a contact ref
}

// PublicIdentity is a contact's opt-in to appear on the public site.
type PublicIdentity struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

func (c *Contact) validate(errs *ErrorList, cfg *Config) {
	if c.Name == "" {
		errs.Add(c.Pos("name"), "missing required key \"name\"")
	}
	if c.Circle != "" && cfg != nil && cfg.Circle(c.Circle) == nil {
		errs.Add(c.Pos("circle"), "unknown circle %q: use one of %s, or declare it under circles in netjournal.yaml", c.Circle, cfg.CircleNames())
	}
	if p := c.Public; p != nil {
		if p.Name == "" {
			errs.Add(c.Pos("public"), "public: missing required key \"name\" (how this person may appear on the public site)")
		}
		if p.URL != "" && !isURL(p.URL) {
			errs.Add(c.Pos("public.url"), "public.url: expected an absolute URL (https://…), got %q", p.URL)
		}
	}
}
