package boilerplate

import "regexp"

// AboutHead heads the boilerplate paragraph an organisation puts under
// its posts and releases: "About Example Media", "About Acme Corp." alone
// on its line, a name in capitals after "About". The body rules take it
// for that only at the very tail of the text: mid-text, "About the Model
// X" opens a section of a review.
var AboutHead = &Rule{Name: "aboutHead", Example: "About Harbour Media Group", Re: regexp.MustCompile(`^\s*About (the )?\p{Lu}[\w.&'’-]*( \p{Lu}[\w.&'’-]*){0,3}\s*:?\s*$`), Need: func(s string) bool {
	return len(s) < 120
}}
