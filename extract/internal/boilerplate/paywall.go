package boilerplate

import "regexp"

// PaywallLine is a line of a paywall or login wall: the box a site puts
// where the article is cut off for readers who have not paid or signed
// in, with its plea and its offer below: "Already have an account? Sign
// in", "This article is exclusive to Plus subscribers", "Become a paid
// subscriber to unlock this piece", "Subscribe to continue reading". What
// follows it is the offer, not the article.
var PaywallLine = &Rule{Name: "paywallLine", Example: "This article is exclusive to Courier+ subscribers", Re: regexp.MustCompile(`(?i)\balready have an account\s*\?\s*(sign|log) ?in\b|^\s*((this|the) (article|story|content|post|piece) is (exclusive|only available|available only|reserved) (to|for) .{0,40}\b(subscribers|members)\b|(subscribe|become a (paid )?(subscriber|member)|sign in|log in)\b.{0,40}\bto (unlock|continue reading|keep reading|read (the|this) (full|rest|whole))\b|unlock this (article|story|piece)\b|subscribe to (continue|keep) reading\b|to (continue|keep) reading,? (please )?(subscribe|sign in|log in|create))`), Need: func(s string) bool {
	// Every form holds one of these words.
	return FoldContains(s, "account") || FoldContains(s, "unlock") || FoldContains(s, "read") ||
		FoldContains(s, "exclusive") || FoldContains(s, "available") || FoldContains(s, "reserved")
}}
