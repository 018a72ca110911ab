package boilerplate

import "regexp"

var (
	// SourcesHead heads the list of sources an English article cites,
	// alone on its line: "Sources", "Article Sources:", "Citations",
	// "References", "Works Cited". The body rules take it, and the block
	// it heads, only at the tail of the text; mid-text, a "References"
	// heading may open a section of a guide. (A scholarly
	// "Bibliography", or a German "Literatur", is the text's own list and
	// stays.)
	SourcesHead = &Rule{Name: "sourcesHead", Example: "Article Sources:", Re: regexp.MustCompile(`(?i)^\s*(` +
		`(article |our |all )?(sources|citations|references)( and (references|notes|further reading))?|works cited|sources cited|references cited` +
		`)\s*:?\s*$`), Need: func(s string) bool { return len(s) < 48 && sourcesHeadNeed(s) }}
	// sourcesHeadFirst are the first words of SourcesHead's forms.
	sourcesHeadFirst = []string{"all", "article", "citations", "our", "references", "sources", "works"}
	sourcesHeadNeed  = FirstWordIn(sourcesHeadFirst...)
)
