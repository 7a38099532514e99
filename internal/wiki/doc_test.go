package wiki

import (
	"testing"

	"github.com/netjournal/netjournal/internal/page/pagetest"
)

// TestPageDataDocumented: every template of the wiki and every field of
// its page data is in docs/themes.md, for theme authors.
func TestPageDataDocumented(t *testing.T) {
	pagetest.Documented(t, "../../docs/themes.md", "The wiki", pagetest.Templates(t, "../../themes/default/wiki"),
		Dashboard{}, ContactsIndex{}, ContactPage{}, CirclePage{}, EventsIndex{}, EventPage{},
		PostsIndex{}, PostPage{}, FollowupsPage{}, TagsIndex{}, TagPage{}, NetworkPage{})
}
