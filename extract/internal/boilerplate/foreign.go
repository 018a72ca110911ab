package boilerplate

import (
	"regexp"
	"strings"
)

// The related-reading, comment and share headings of the major European
// languages other than English (German, Spanish, French, Italian,
// Portuguese, Dutch, Polish): what BlockHead and RelatedPrefix are for
// English and Chinese. News and blog software in every language puts the
// same blocks after the article; only the words differ.

var (
	// ForeignHead is the heading of a block that follows the article and
	// is not part of it, alone on its line: "Das könnte Sie auch
	// interessieren", "Weitere Beiträge", "Noticias relacionadas", "À lire
	// aussi", "Leggi anche", "Czytaj także", "Keine Kommentare".
	ForeignHead = &Rule{Name: "foreignHead", Example: "Das könnte Sie auch interessieren", Re: regexp.MustCompile(`(?i)^\s*(` +
		// German
		`das könnte (sie|dich|euch) (auch |ebenfalls )?interessieren|` +
		`(weitere|ähnliche|verwandte|passende|empfohlene|neueste|mehr) (\pL+ )?(artikel|beiträge|nachrichten|meldungen|themen|news|geschichten|links)\b.{0,24}|` +
		`mehr (zum thema|zu diesem thema|aus der sendung|aus dem ressort|aus der rubrik|aus der serie)\b.{0,24}|` +
		`(lesen sie|lies) (auch|weiter)\b.{0,30}|auch interessant|passend (dazu|zum thema)|zum weiterlesen|` +
		`(keine )?kommentare( \(\d+\))?|(beitrag|artikel|seite) (teilen|empfehlen)|` +
		// Spanish
		`(también )?(le|te) (puede|podría|pueden|podrían) interesar|(lea|lee|vea|mira|ve) (también|además)|` +
		`(noticias|artículos|notas|contenidos) (relacionad[oa]s|recomendad[oa]s)|más noticias|te recomendamos|` +
		// French
		`(à )?(lire|voir) (aussi|également|encore)|sur le même (sujet|thème)|dans la même rubrique|` +
		`(articles?|contenus?) (similaires|associés|liés|connexes|recommandés)|vous aimerez (aussi|peut-être)( aussi)?|` +
		// Italian
		`leggi anche|(ti )?potrebbe (anche )?interessar(e|ti)|(articoli|notizie) correlat[ie]|` +
		// Portuguese
		`(leia|veja) (também|mais)|(notícias|artigos|matérias) relacionad[oa]s|você (também )?pode gostar|` +
		// Dutch
		`lees ook|ook interessant|(gerelateerde|meer) (artikelen|berichten)|` +
		// Polish
		`(czytaj|zobacz|przeczytaj|sprawdź) (też|także|również)|(polecane|podobne|powiązane) (artykuły|wpisy|teksty)` +
		`)\s*[:!?.…]*\s*$`), Need: func(s string) bool { return foreignHeadNeed(s) }}
	// foreignHeadFirst are the first words of ForeignHead's forms that
	// are ASCII (ähnliche, à, también … pass).
	foreignHeadFirst = []string{"article", "articles", "articoli", "artigos", "artikel", "auch", "beitrag", "contenidos",
		"contenu", "contenus", "czytaj", "dans", "das", "empfohlene", "gerelateerde", "keine", "kommentare", "le", "lea",
		"lee", "lees", "leggi", "leia", "lesen", "lies", "lire", "meer", "mehr", "mira", "neueste", "notas", "noticias",
		"notizie", "ook", "passend", "passende", "podobne", "polecane", "potrebbe", "przeczytaj", "seite", "sur", "te",
		"ti", "ve", "vea", "veja", "verwandte", "voir", "vous", "weitere", "zobacz", "zum"}
	foreignHeadNeed = FirstWordIn(foreignHeadFirst...)
	// ForeignPrefix opens a link to another story in those languages:
	// "Lea también: …", "VEA TAMBIÉN: …", "MIRA: …", "Le puede interesar: …", "Lesen
	// Sie auch: …", "À lire aussi : …", "Leggi anche: …", "Czytaj też: …".
	ForeignPrefix = &Rule{Name: "foreignPrefix", Example: "Lea también: El puerto reabre tras la tormenta", Re: regexp.MustCompile(`(?i)^\s*[\[»]?\s*(` +
		`(lea|lee|vea|mira)( también| además| más)?|(también )?(le|te) (puede|podría) interesar|` +
		`lesen sie (auch|mehr)|mehr zum thema|auch interessant|` +
		`(à )?(lire|voir) (aussi|également)|leggi anche|(leia|veja) também|lees ook|(czytaj|zobacz) (też|także|również)` +
		`)\s*:`), Need: func(s string) bool {
		return strings.IndexByte(s, ':') >= 0
	}}
)

// ReadingHead is a heading of the related-reading kind (BlockHead or
// ForeignHead), as against comments, share bars, sign-ups, bios and
// notices: a box of links set into the text, after which the article may
// go on. After the others nothing of the article follows.
var ReadingHead = &Rule{Name: "readingHead", Example: "You might also like", Re: regexp.MustCompile(`(?i)related|\blatest\b|\brecent\b|\bpopular\b|\bread\b|recommend|\balso\b|further|\blike\b|相关|相關|延伸|推荐|推薦|猜你|为你|為你|interess|weitere|ähnlich|verwandt|passend|lire|voir|même|similaires|leggi|correlat|leia|veja|lees|czytaj|zobacz|polecane|podobne|\blea\b|\bvea\b|\bmira\b|relacionad|te recomendamos|más noticias`)}
