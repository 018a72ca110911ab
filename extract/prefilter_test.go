package extract

import "testing"

// TestPrefiltersSound checks that each boilerplate pattern's prefilter
// lets through every line its regexp matches, including the letters that
// (?i) folds from outside ASCII (ſ for s, K for k).
func TestPrefiltersSound(t *testing.T) {
	pats := map[string]*prefilteredRegexp{
		"stockLine": stockLine, "cookieLine": cookieLine, "subscribeLine": subscribeLine,
		"contactLine": contactLine, "joinPlea": joinPlea, "affiliateNote": affiliateNote,
		"updatedStamp": updatedStamp, "imageCredit": imageCredit, "readingTime": readingTime,
		"creditedCaption": creditedCaption, "relatedPrefix": relatedPrefix, "enjoyedPlea": enjoyedPlea,
		"tagLine": tagLine, "bylineLabel": bylineLabel, "widgetLine": widgetLine, "onSiteLine": onSiteLine,
	}
	lines := []string{
		"Advert", "  Image 2 of 5", "Sharing is caring!", "Follow The Herald on Facebook",
		"Subscribe to our weekly newsletter", "This website uses cookies to count visitors.",
		"Write to Jane Roe at jane@example.com", "Join our newsletter", "Become a Member",
		"This post may contain affiliate links.", "Harbour News may earn an affiliate commission",
		"Updated at 1:23 p.m.", "Posted 6 hours ago", "Photo by Jane Roe", "Getty Images / Jane Roe",
		"5 min read", "Reading time: 3 minutes", "The pier. (credit: Jane Roe)", "Related post: Harbour",
		"If you enjoyed this article, join", "Tags: harbour", "Written by Jane", "View all posts by Jane",
		"Oops! Something went wrong while submitting the form.", "Also on example.com Harbour",
		"ſubscribe to our weekly newsletter", "Poſted 6 hours ago", "Than\u212a you! Your submission has been received!", "This website uses coo\u212aies to count visitors.",
		"The harbour board voted on Monday to close the old pier.",
	}
	for name, p := range pats {
		for _, l := range lines {
			if p.re.MatchString(l) && !p.need(l) {
				t.Errorf("%s: prefilter rejects %q, which the regexp matches", name, l)
			}
		}
	}
}
