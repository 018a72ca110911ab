package render

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/dom"
	"newsarchive/urlnorm"
)

// BodyText renders the body box as plain text: one paragraph per block (and
// per <br>-separated line), paragraphs separated by a blank line, white
// space collapsed within each.
func BodyText(box *html.Node) string {
	text, _ := BodyTextDrops(box)
	return text
}

// BodyTextDrops is BodyText that also returns the blocks whose whole text
// was a paragraph the text left out (a repeated lead, a trailer, a
// reading-time note, a repeat), so that the body HTML can leave them out
// too.
func BodyTextDrops(box *html.Node) (string, []*html.Node) {
	paras, owners := textParas(box)
	all := append([]string(nil), paras...)
	kept := DropReadTime(DropTrailer(DropRepeatedLead(Dedupe(paras))))
	var drops []*html.Node
	// The filters only remove paragraphs: what kept skips was dropped.
	j := 0
	for i, p := range all {
		if j < len(kept) && kept[j] == p {
			j++
			continue
		}
		if o := owners[i]; o != nil && dom.FindElement(o, atom.Img) == nil && dom.Collapse(dom.BlockText(o)) == p {
			drops = append(drops, o)
		}
	}
	return strings.Join(kept, "\n\n"), drops
}

// textParas lists the body's paragraphs, each with the innermost block it
// was read from.
func textParas(box *html.Node) (paras []string, owners []*html.Node) {
	return textParasIn(box, &pieces{})
}

// paraText gathers a paragraph's text as the walk finds it.
type paraText interface {
	add(s string)
	text() string
	reset()
}

// textParasIn is textParas gathering each paragraph's text in cur.
func textParasIn(box *html.Node, cur paraText) (paras []string, owners []*html.Node) {
	var blocks []*html.Node // the blocks the walk is in, innermost last
	flush := func() {
		if t := dom.Collapse(cur.text()); t != "" {
			paras = append(paras, t)
			var o *html.Node
			if len(blocks) > 0 {
				o = blocks[len(blocks)-1]
			}
			owners = append(owners, o)
		}
		cur.reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.add(n.Data)
			return
		case html.ElementNode:
		default:
			return
		}
		if n.DataAtom == atom.Br {
			flush()
			return
		}
		if n.DataAtom == atom.Figcaption || isCaption(n) {
			// Captions go to images[]; the labelled sets leave them
			// out of the article text.
			return
		}
		cell := n.DataAtom == atom.Td || n.DataAtom == atom.Th
		block := dom.IsBlock(n)
		if block && !cell {
			flush()
			blocks = append(blocks, n)
		}
		if cell {
			cur.add(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block && !cell {
			flush()
			blocks = blocks[:len(blocks)-1]
		}
	}
	walk(box)
	flush()
	return paras, owners
}

// keptAttrs are the attributes the cleaned body HTML keeps.
var keptAttrs = map[string]bool{
	"href": true, "src": true, "alt": true, "title": true, "colspan": true,
	"rowspan": true, "datetime": true, "lang": true, "dir": true,
}

// BodyHTML renders the body box as clean HTML: only structural attributes,
// links and image sources made absolute, lazy-loaded images given their
// real source.
func BodyHTML(box *html.Node, base *url.URL) string {
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Img {
				if src := dom.ImgSrc(n); src != "" {
					setAttr(n, "src", src)
				}
			}
			kept := n.Attr[:0]
			for _, a := range n.Attr {
				if !keptAttrs[a.Key] || a.Namespace != "" {
					continue
				}
				if (a.Key == "href" || a.Key == "src") && base != nil {
					if abs, err := urlnorm.Resolve(base, a.Val); err == nil {
						a.Val = abs
					}
				}
				kept = append(kept, a)
			}
			n.Attr = kept
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(box)
	var b strings.Builder
	for c := box.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			break
		}
	}
	return b.String()
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// isCaption reports an element classed as an image caption or credit
// ("wp-caption-text", "photo-credit", "newsCaption"). Captions belong to
// images[], not to the running text; a long element is kept all the same,
// in case a theme named its content wrapper so.
func isCaption(n *html.Node) bool {
	c := strings.ToLower(dom.Attr(n, "class"))
	if c == "" || !strings.Contains(c, "caption") && !strings.Contains(c, "credit") {
		return false
	}
	l, _ := dom.Measure(dom.BlockText(n))
	return l < 400
}

// Dedupe drops paragraphs that repeat a run of earlier ones: responsive
// markup and slideshows print the same block twice (a desktop and a
// mobile copy, each slide's caption and credit). A single paragraph that
// comes back on its own stays: interviews repeat their questions, recipes
// and spec tables their headings. But when three or more different long
// paragraphs come back, the text holds a copy of itself (a layout for
// another screen size), and every repeat goes.
func Dedupe(paras []string) []string {
	count := map[string]int{}
	long := 0
	for _, p := range paras {
		if len(p) >= 400 {
			if count[p]++; count[p] == 2 {
				long++
			}
		}
	}
	first := make(map[string]int, len(paras))
	drop := make([]bool, len(paras))
	for i, p := range paras {
		j, ok := first[p]
		if !ok {
			first[p] = i
			continue
		}
		// In a run: the paragraph before (or after) also repeats the one
		// before (after) the first copy, or the copy follows right on.
		if long >= 3 || i == j+1 || j > 0 && paras[i-1] == paras[j-1] || i+1 < len(paras) && paras[i+1] == paras[j+1] {
			drop[i] = true
		}
	}
	out := paras[:0]
	for i, p := range paras {
		if !drop[i] {
			out = append(out, p)
		}
	}
	return out
}

// DropRepeatedLead drops a summary at the top of the body whose text the
// body repeats later: the lead box above the article, shown once more as
// the first paragraph (or spread over the first ones). The comparison
// ignores white space, punctuation and symbols (the box and the body often
// differ in full- and half-width marks), a label in front of the summary
// (【导读】, "摘要：", "Summary:") and an ellipsis that cuts it short.
func DropRepeatedLead(paras []string) []string {
	// all is the key of every paragraph after the first, end to end;
	// at[j] is where paragraph j's key starts in it. Built once, on the
	// first lead long enough to test.
	var all []byte
	var at []int
	for i := 0; i < len(paras) && i < 3; i++ {
		k := leadKey(paras[i])
		if nk := utf8.RuneCountInString(k); nk < 15 || len(k) < 40 || nk < 30 && !hasPunct(paras[i]) {
			// A short line with no punctuation is a heading (a title
			// broken over lines), not a summary, even when a sentence
			// below repeats its words.
			continue
		}
		if at == nil {
			// The keys are written into one buffer, not made one by one.
			n := 0
			for _, p := range paras[1:] {
				n += len(p)
			}
			b := make([]byte, 0, n)
			at = make([]int, len(paras)+1)
			for j := 1; j < len(paras); j++ {
				at[j] = len(b)
				b = appendTextKey(b, paras[j])
			}
			all = b
			at[len(paras)] = len(all)
		}
		if containsKey(all[at[i+1]:], k) {
			return append(paras[:i:i], paras[i+1:]...)
		}
	}
	return paras
}

// leadLabel is a short label in front of a summary: 【导读】, [摘要],
// "内容提要：", "Summary:".
var leadLabel = regexp.MustCompile(`^\s*(?:[【\[［][^】\]］]{1,12}[】\]］]|[^\s:：,，。.]{1,8}\s?[:：])\s*`)

// leadKey is the comparison key of a summary paragraph: its label and a
// closing ellipsis removed.
func leadKey(p string) string {
	p = leadLabel.ReplaceAllString(p, "")
	p = strings.TrimSpace(p)
	for _, e := range []string{"……", "…", "..."} {
		p = strings.TrimSuffix(p, e)
	}
	return textKey(p)
}

// textKey keeps the letters and digits of s, lower-cased.
func textKey(s string) string {
	return string(appendTextKey(make([]byte, 0, len(s)), s))
}

// appendTextKey appends textKey(s) to b.
func appendTextKey(b []byte, s string) []byte {
	// The key is written in place, room for all of s made first: an
	// ASCII byte or a Han character never takes more room in the key
	// than in s, and the rest (a letter lowered) is appended.
	b = slices.Grow(b, len(s))
	n := len(b)
	b = b[:cap(b)]
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// Every byte is written and only a letter or digit is
			// kept: n moves on by one for a key byte (1 to 127), not
			// for 0, without a branch.
			k := asciiKey[c]
			b[n] = k
			n += int((uint(k) + 0xff) >> 8)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if 0x4E00 <= r && r <= 0x9FFF {
			// CJK ideographs: letters, without case.
			n += copy(b[n:], s[i:i+size])
			i += size
			continue
		}
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = slices.Grow(utf8.AppendRune(b[:n], unicode.ToLower(r)), len(s)-i)
			n = len(b)
			b = b[:cap(b)]
		}
	}
	return b[:n]
}

// asciiKey is what textKey keeps of each ASCII byte: letters lower-cased,
// digits, and 0 for the rest. A table is faster than a switch here: the
// whole text is keyed on every page.
var asciiKey = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// followPlea is a short request to keep following the site, the line a
// reprinting page closes with: （更多内容请继续关注 某网）, 敬请关注.
var followPlea = regexp.MustCompile(`(更多|请|請|敬请|敬請|欢迎|歡迎).{0,10}(关注|關注)`)

// trailerLine reports a short paragraph that cannot close an article: a
// heading of what follows it (推荐阅读), a page tool (扫一扫在手机打开),
// a plea to keep following the site.
func trailerLine(p string) bool {
	n := utf8.RuneCountInString(p)
	if n >= 60 {
		return false
	}
	if n < 40 && (boilerplate.BlockHead.MatchString(p) || boilerplate.ToolLine.MatchString(p)) {
		return true
	}
	if n < 40 && !dom.EndsSentence(p) && boilerplate.ForeignHead.MatchString(p) {
		// A head ends no sentence; "Lesen Sie auch den Bericht." is one.
		return true
	}
	return !dom.EndsSentence(p) && (followPlea.MatchString(p) || blogFooter.MatchString(p))
}

// blogFooter is a blog post's footer: its read count (已被阅读178次,
// 阅读 (12)) or its trackback address.
var blogFooter = regexp.MustCompile(`(?i)(已被|被)?(阅读|閱讀|浏览|瀏覽)\s*\d+\s*次|trackback|^(阅读|閱讀|浏览|瀏覽)\s*[(（]\s*\d*\s*[)）]$`)

// DropTrailer drops the short boilerplate paragraphs the body ends with.
func DropTrailer(paras []string) []string {
	for len(paras) > 1 && trailerLine(paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	return paras
}

// readTimeLine is a reading-time note: "7 分钟", 阅读时间：5分钟, 约3分钟读完.
var readTimeLine = regexp.MustCompile(`^(预计|預計)?(阅读|閱讀)?(时间|時間|时长|時長)?\s*[:：]?\s*(约|約)?\s*\d{1,3}\s*(分钟|分鐘)\s*(阅读|閱讀|读完|讀完)?$`)

// DropReadTime drops a reading-time note among the first paragraphs.
func DropReadTime(paras []string) []string {
	for i := 0; i < len(paras) && i < 3; i++ {
		if len(paras[i]) < 40 && readTimeLine.MatchString(paras[i]) {
			return append(paras[:i:i], paras[i+1:]...)
		}
	}
	return paras
}

// hasPunct reports whether s holds a punctuation mark.
func hasPunct(s string) bool {
	for _, r := range s {
		if dom.IsPunct(r) {
			return true
		}
	}
	return false
}

// personName is a capitalised given name: "Jane", "José".
var personName = regexp.MustCompile(`^\p{Lu}\p{Ll}+$`)

// bioVerb follows the author's name at the start of a bio: "Jane Roe is a
// reporter", "Jane joined the paper in 2017", "Jane Roe's book".
var bioVerb = regexp.MustCompile(`^(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}(?:\s+(?:is|was|has|joined|covers|writes|lives|holds|reports)\b|['’]s\s+(?:book|latest|new)\b)`)

// DropAuthorBio drops the author's bio that closes many articles ("Jane
// Roe is a reporter covering …"): a short paragraph among the last three
// that starts with an author's full or first name and a verb of a bio,
// and what follows it. The name must be one of the page's authors, so a
// closing sentence about the story's subject stays.
func DropAuthorBio(text string, authors []string) string {
	if len(authors) == 0 || text == "" {
		return text
	}
	paras := strings.Split(text, "\n\n")
	for i := max(1, len(paras)-3); i < len(paras); i++ {
		p := paras[i]
		if utf8.RuneCountInString(p) >= 600 {
			continue
		}
		for _, a := range authors {
			if bioOf(p, a) {
				return strings.Join(paras[:i], "\n\n")
			}
		}
	}
	return text
}

// bioOf reports whether paragraph p opens with author a's full or first
// name followed by a bio verb. Only a person's name counts: two words or
// more, the first capitalised, not in capitals.
func bioOf(p, a string) bool {
	a = dom.Collapse(a)
	f, _, ok := strings.Cut(a, " ")
	if !ok || !personName.MatchString(f) {
		// One word ("Ashcombe") or an acronym ("ZXV Official") is
		// likely a company, and "Ashcombe is …" its own text.
		return false
	}
	for _, n := range [...]string{a, f} {
		if utf8.RuneCountInString(n) < 2 || !strings.HasPrefix(p, n) {
			continue
		}
		if bioVerb.MatchString(p[len(n):]) {
			return true
		}
	}
	return false
}

// DropByline drops the byline left at the top of the text: a short line
// among the first three that names an author and says little else ("By
// Jane Roe", "Jane Roe, Transport Writer", "Written by Jane Roe"). Names
// of one word count only after "by": alone they may be a company's.
func DropByline(text string, authors []string) string {
	if len(authors) == 0 || text == "" {
		return text
	}
	var names []string
	for _, a := range authors {
		for _, part := range strings.Split(strings.ReplaceAll(a, " and ", ","), ",") {
			if part = dom.Collapse(part); utf8.RuneCountInString(part) >= 3 {
				names = append(names, strings.ToLower(part))
			}
		}
	}
	paras := strings.Split(text, "\n\n")
	out := paras[:0:0]
	for i, p := range paras {
		if i < 3 && len(paras) > 1 && isByline(p, names) {
			continue
		}
		out = append(out, p)
	}
	if len(out) == len(paras) || len(out) == 0 {
		return text
	}
	return strings.Join(out, "\n\n")
}

// isByline reports whether paragraph p is a byline of one of names.
func isByline(p string, names []string) bool {
	if utf8.RuneCountInString(p) > 100 || dom.EndsSentence(p) {
		return false
	}
	lp := strings.ToLower(p)
	rest, found := lp, false
	for _, n := range names {
		if !strings.Contains(n, " ") && !strings.Contains(lp, "by "+n) && !strings.HasPrefix(lp, "by"+n) {
			continue
		}
		if i := wordIndex(rest, n); i >= 0 {
			rest = rest[:i] + rest[i+len(n):]
			found = true
		}
	}
	return found && utf8.RuneCountInString(rest) <= 45
}

// wordIndex is the index of name in s where it is not part of a longer
// word, or -1.
func wordIndex(s, name string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], name)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(name)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (i == 0 || !unicode.IsLetter(before)) && (end == len(s) || !unicode.IsLetter(after)) {
			return i
		}
		off = i + 1
	}
}
