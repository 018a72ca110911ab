package extract

// declaredArticle are declared types (JSON-LD @type, og:type) of article pages.
var declaredArticle = map[string]bool{
	"article": true, "newsarticle": true, "blogposting": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "reviewnewsarticle": true,
	"backgroundnewsarticle": true, "scholarlyarticle": true, "techarticle": true,
	"liveblogposting": true, "report": true, "posting": true, "socialmediaposting": true,
}

// declaredListing are declared types of pages that list articles.
var declaredListing = map[string]bool{
	"website": true, "collectionpage": true, "itemlist": true, "searchresultspage": true,
	"profilepage": true, "webpage": false,
}

// minArticleText is the weighted body length (Latin letters; a CJK
// character counts three) an undeclared page needs to pass as an article:
// a few sentences, so that short news items still count.
const minArticleText = 400

// judge decides whether the page is an article: a declared article type;
// or a date with enough body text and a body that is not a link list.
func judge(m Meta, bodyLen int, bodyLinkDensity float64) bool {
	if declaredArticle[m.Type] {
		return bodyLen > 0
	}
	if declaredListing[m.Type] && m.PublishedAt == "" {
		return false
	}
	if bodyLinkDensity > 0.5 {
		return false
	}
	if m.PublishedAt != "" {
		return bodyLen >= minArticleText
	}
	return bodyLen >= 4*minArticleText
}
