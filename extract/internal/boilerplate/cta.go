package boilerplate

import (
	"regexp"
	"strings"
)

// CtaLine is a call to action alone on its line: the label of a button
// or a styled link left in the text when its markup was not a link the
// body rules know ("Learn more", "Book a demo", "Get started today",
// "Download now", "Shop now"), or the caption of a widget control ("Share:",
// "12 Comments", "Show caption", "No items found."). No sentence of an article stands so.
var CtaLine = &Rule{Name: "ctaLine", Example: "Book a demo", Re: regexp.MustCompile(`(?i)^\s*(learn more|find out more|discover more|book a (free )?(demo|call|consultation)|(get|request|schedule) a (free )?(demo|quote|consultation)|get started( today| now| for free)?|start (your )?free trial|try it (free|now)|download( now)?|shop now|buy now|check it out|share|\d+ comments?|show caption|hide caption|no (items|results|posts) found)\s*[:!.→›»>]*\s*$`), Need: func(s string) bool {
	return len(s) < 200 && ctaLineNeed(s)
}}

// ctaLineFirst are the first words of CtaLine's forms ("" for "12 comments").
var (
	ctaLineFirst = []string{"", "book", "buy", "check", "discover", "download", "find", "get", "hide", "learn", "no",
		"request", "schedule", "share", "shop", "show", "start", "try"}
	ctaLineNeed = FirstWordIn(ctaLineFirst...)
)

// AppPlea asks readers to get the site's app: "For the latest stories
// download the Harbour News app for iOS and Android", "Get the latest
// news straight to your phone with the Harbour app.", "Download our app".
var AppPlea = &Rule{Name: "appPlea", Example: "Get the latest news straight to your phone with the Harbour News app.", Re: regexp.MustCompile(`(?i)^\s*((for|get) the latest (news|stories|headlines|updates)\b.{0,80}\b(download|with|get|on) (the|our) ([\w’'.-]+ ){0,4}apps?\b|download (the|our) ([\w’'.-]+ ){0,4}apps?( for (ios|android|iphone)( and (ios|android))?)?[.!]?\s*$)`), Need: func(s string) bool {
	return FoldContains(s, "app") && (FoldContains(s, "latest") || FoldContains(s, "download")) || strings.Contains(s, "\u212a") || strings.Contains(s, "ſ")
}}
