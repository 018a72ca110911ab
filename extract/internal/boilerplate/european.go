package boilerplate

import (
	"regexp"
	"strings"
)

// Page furniture in the major European languages other than English
// (German first, then French, Spanish, Italian, Dutch, Polish): the share
// and feedback widgets, bare labels, stamps, credits and notices that
// StockLine, TagLine, UpdatedStamp and the others catch in English. News,
// shop and blog software puts the same widgets round the text in every
// language; only the words differ.

var (
	// EuroLine is a widget's or a label's text alone on its line: "War der
	// Artikel hilfreich?", "Artikel teilen", "Zurück zur Übersicht", "Von:",
	// "Schlagworte: Hafen, Fähren", "Foto: Jana Muster", "Sie sind nicht
	// eingeloggt.", "*Werbung", "Imprimer".
	EuroLine = &Rule{Name: "euroLine", Example: "War der Artikel hilfreich?", Re: regexp.MustCompile(`(?i)^[\s*(\[¿¡]*(` +
		// feedback and share widgets
		`(war|ist) (der|dieser|dieses|die|diese|das) (artikel|beitrag|text|inhalt|seite|rezept|information|informationen) (hilfreich|nützlich|interessant|lesenswert)\?|` +
		`(hat|haben) (ihnen|dir|euch) (der|dieser|die|diese|das|dieses) (artikel|beitrag|text|seite|rezept) gefallen\?|` +
		`(möchten|wollen|willst|möchtest) (sie|du) (den|diesen|die|diese|das|dieses) (artikel|beitrag|text|seite|rezept) (teilen|weiterempfehlen)\?|` +
		`((den|diesen|die|diese|das|dieses) )?(artikel|beitrag|seite|text|rezept|inhalt)( mit (anderen|freunden))? (teilen|drucken|versenden|merken|weiterempfehlen|empfehlen|diskutieren|kommentieren)((\s*/\s*|,? | und )\pL+)*:?|` +
		`(jetzt )?(teilen|drucken|versenden|merken)|drukuj|udostępnij|imprimer|partager|imprimir|compartir|condividi|stampa|delen|afdrukken|` +
		`(permalink|permalien|enlace permanente)\b.{0,60}|` +
		`(dieses|das|den|die) (skript|manuskript|transkript|dokument|beitrag|artikel|interview|rezept) als pdf (herunterladen|downloaden|speichern)|als pdf (herunterladen|downloaden)|` +
		// navigation and log-in boxes
		`(zurück|weiter) (zur|zum|zu den) (übersicht|listenansicht|startseite|artikelübersicht|newsübersicht|blogübersicht|archiv|suche)\b.{0,30}|` +
		`(vorschau auf den )?(nächsten|nächster|vorheriger|vorherigen) (artikel|beitrag)|retour à la liste|volver al listado|` +
		`(sie sind|du bist) (aktuell |derzeit |noch |momentan )?nicht (eingeloggt|angemeldet)\.?|` +
		`(verraten|schreiben|erzählen) (sie|du|ihr) (es )?(uns |mir )?(gerne |gern )?in den kommentaren\b.{0,140}|` +
		`empfohlener redaktioneller inhalt|` +
		`hier geht('s| es) (zur|zum|zu den|weiter zu(r|m)?) [^.!?]{1,60}|` +
		// a label whose value is on the next line, or a tag line
		`(von|autor|autorin|autoren|autorinnen|fotos?|bilder?|redaktion|zusatzinformationen|par|por|auteurs?|autores?)\s*:|` +
		`(schlagworte|schlagwörter|stichworte|stichwörter|kategorien|kategorie|rubrik|mots[- ]clés|étiquettes|etiquetas|palabras clave|tagi|tematy)\s*:.{0,180}|` +
		// a picture's credit
		`(foto|fotos|bild|bilder|bildquelle|fotoquelle|grafik|abbildung|crédits? photos?|crédit|fotografía|imagen|zdjęcie|fot\.)\s*:.{0,180}|` +
		// an advertising note
		`(werbung|anzeige|reklame)[.:*]?|` +
		`\(?alle angaben ohne gewähr\.?\)?\.?` +
		`)\s*$`), Need: func(s string) bool {
		return euroOpens(s) && firstWordIn(s, euroFirst)
	}}
	// euroFirst are the first words of EuroLine's forms (a word with a
	// letter outside ASCII is let through: see firstWord).
	euroFirst = map[string]bool{
		"war": true, "ist": true, "hat": true, "haben": true, "willst": true, "wollen": true,
		"den": true, "diesen": true, "die": true, "diese": true, "das": true, "dieses": true,
		"artikel": true, "beitrag": true, "seite": true, "text": true, "rezept": true, "inhalt": true,
		"jetzt": true, "teilen": true, "drucken": true, "versenden": true, "merken": true,
		"drukuj": true, "imprimer": true, "partager": true, "imprimir": true, "compartir": true,
		"condividi": true, "stampa": true, "delen": true, "afdrukken": true,
		"permalink": true, "permalien": true, "enlace": true, "als": true,
		"weiter": true, "vorschau": true, "retour": true, "volver": true,
		"sie": true, "du": true, "verraten": true, "schreiben": true, "empfohlener": true, "hier": true,
		"von": true, "autor": true, "autorin": true, "autoren": true, "autorinnen": true,
		"foto": true, "fotos": true, "bild": true, "bilder": true, "redaktion": true,
		"zusatzinformationen": true, "par": true, "por": true, "auteur": true, "auteurs": true,
		"autores": true, "schlagworte": true, "stichworte": true, "kategorien": true,
		"kategorie": true, "rubrik": true, "mots": true, "etiquetas": true, "palabras": true, "tagi": true,
		"tematy": true, "bildquelle": true, "fotoquelle": true, "grafik": true, "abbildung": true,
		"fot": true, "werbung": true, "anzeige": true, "reklame": true, "alle": true,
	}

	// EuroNote is a notice anywhere in a short line: an affiliate-link
	// or advertising disclosure, a reservation of rights, a plea to follow
	// the site's channel, a licence line, a caption's credit after a
	// comma.
	EuroNote = &Rule{Name: "euroNote", Example: "Bei den Verlinkungen handelt es sich um Affiliate Links", Re: regexp.MustCompile(`(?i)` +
		`\bbei den (verlinkungen|links)( \pL+){0,4} handelt es sich um (affiliate|partner|provisions|werbe)[- ]?links\b|` +
		`\b(dieser|dieses|der) (beitrag|artikel|post|video|text) enthält (unbezahlte |bezahlte )?(werbung|affiliate[- ]?links|partner[- ]?links|werbelinks|anzeigen)\b|` +
		`\balle rechte vorbehalten\b|\btous droits réservés\b|\btodos los derechos reservados\b|\btutti i diritti riservati\b|\bwszelkie prawa zastrzeżone\b|\bmateriał chroniony prawem autorskim\b|` +
		`\b(tenemos|nuestro) canal de (telegram|youtube|whatsapp)\b|\b(unseren?|unserem) (whatsapp|telegram)[- ]?kanal\b|` +
		`\bsofern nicht anders (angegeben|ausgewiesen|vermerkt)\b.{0,60}\b(cc[- ]by|creative commons)\b|` +
		`^[^.!?]{2,60}, (photo|foto|photos|fotos)\s*:\s*[^.!?]{2,60}$`), Need: noteNeed}

	// CreditTail is a picture's caption that ends with its credit after a
	// copyright sign: "Lee Park at the pier. | © Jana Muster/Example
	// Agency", "Foto © Jana Muster", "Photo credit: ©Example Images".
	CreditTail = &Rule{Name: "creditTail", Example: "The pier at dawn. | © Jana Muster/Example Agency", Re: regexp.MustCompile(`(^|[.!?|:]\s*|\s)©\s*[^.!?©|]{2,60}$`), Need: func(s string) bool {
		return strings.Contains(s, "©")
	}}

	// EuroStamp is an "updated"/"published" label before a date: "Aktualisiert
	// am 3.2.2021", "Stand: 14.05.2020", "Mis à jour le 3 février 2021",
	// "Actualizado el 3 de marzo". A figure of the date follows the label
	// at once.
	EuroStamp = &Rule{Name: "euroStamp", Example: "Aktualisiert am 17.03.2021", Re: regexp.MustCompile(`(?i)^\s*((` +
		`(zuletzt |letzte )?(aktualisiert|aktualisierung|geändert|änderung|veröffentlicht|erstellt|publiziert)|` +
		`mis à jour|publié|modifié|actualizado|publicado|actualización|aggiornato|pubblicato|bijgewerkt|gepubliceerd|aktualizacja|opublikowano` +
		// the date follows at once, or after a colon or a preposition:
		// "Erstellt wurde das Gutachten 2019" is a sentence.
		`)(\s+(am|vom|um|le|el|il|op|a las|alle)\b|\s*:)?|stand\s*:)\s*\d.{0,40}$`), Need: func(s string) bool {
		return strings.ContainsAny(s, "0123456789")
	}}

	// EuroTailHead heads a block under the text that is not the article:
	// the press contact, the list of sources, the original publication,
	// the author's box, the tags, alone on its line: "Kontakt",
	// "Quellenangaben:", "Originalpublikation", "Über die Autorin",
	// "Themen". The body rules take it so only at the tail: mid-text a
	// "Kontakt" heading may open a section of a guide.
	EuroTailHead = &Rule{Name: "euroTailHead", Example: "Quellenangaben:", Re: regexp.MustCompile(`(?i)^\s*(` +
		`kontakt|kontaktdaten|pressekontakt|medienkontakt|ansprechpartner(in)?( zum thema| für die presse| für medien)?|` +
		// (not "Literatur", "Bibliographie": a scholarly text's own list)
		`quellen|quellenangaben|quellen und links|quellen (anzeigen|ausblenden|einblenden)|` +
		`originalpublikation|originalveröffentlichung|originalartikel|über (den autor|die autorin|die autoren|die autorinnen)|zur person|` +
		`themen|schlagworte|schlagwörter|` +
		// (not English "Contact"; English sources heads are SourcesHead's)
		`contacts? presse|contacto|fuentes|fonti|bronnen|źródła` +
		`)\s*:?\s*$`), Need: func(s string) bool {
		return len(s) < 64 && firstWordIn(s, tailFirst)
	}}
	// tailFirst are the first words of EuroTailHead's forms.
	tailFirst = map[string]bool{
		"kontakt": true, "kontaktdaten": true, "pressekontakt": true, "medienkontakt": true,
		"ansprechpartner": true, "ansprechpartnerin": true, "quellen": true, "quellenangaben": true,
		"originalpublikation": true, "originalartikel": true, "zur": true, "themen": true,
		"schlagworte": true, "contact": true, "contacts": true, "contacto": true, "fuentes": true,
		"fonti": true, "bronnen": true,
	}
)

// firstWordIn reports whether the first word of s, in lower case, after
// white space and opening punctuation, is in m. A word with a byte outside
// ASCII, which (?i) may fold to an ASCII letter, or no word at all, passes.
func firstWordIn(s string, m map[string]bool) bool {
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\f\r*([", s[i]) >= 0 {
		i++
	}
	var w [24]byte
	j := i
	for j < len(s) && j-i < len(w) {
		c := s[j]
		if c >= 0x80 {
			return true
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c < 'a' || c > 'z' {
			break
		}
		w[j-i] = c
		j++
	}
	return j == i || m[string(w[:j-i])]
}

// euroOpens: after the characters EuroLine's forms may open with (white
// space, * ( [ ¿ ¡), s goes on with an ASCII letter or with a letter
// (?i) folds to a first letter of theirs: é and É (étiquettes), the
// Kelvin sign (k), ſ (s). Every form opens with a letter: the quoted
// sentences, figures and dashes that firstWordIn lets through (their
// first word is empty) are spared the pattern (TestNarrowedNeeds,
// FuzzNarrowedNeeds).
func euroOpens(s string) bool {
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\f\r*([", s[i]) >= 0 {
		i++
	}
	if i == len(s) {
		return false
	}
	if c := s[i] | 0x20; 'a' <= c && c <= 'z' {
		return true
	}
	rest := s[i:]
	for _, p := range [...]string{"¿", "¡", "é", "É", "\u212a", "ſ"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// noteNeed is EuroNote's prefilter, one pass over s: every form holds
// one of these ASCII words (or a letter (?i) folds to one of theirs).
func noteNeed(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] | 0x20 {
		case 'l':
			if foldAt(s, i, "links") {
				return true
			}
		case 'e':
			if foldAt(s, i, "enth") {
				return true
			}
		case 'r':
			if foldAt(s, i, "rechte") {
				return true
			}
		case 'd':
			if foldAt(s, i, "droits") || foldAt(s, i, "derechos") || foldAt(s, i, "diritti") {
				return true
			}
		case 'p':
			if foldAt(s, i, "praw") {
				return true
			}
		case 'c':
			if foldAt(s, i, "canal") {
				return true
			}
		case 'k':
			if foldAt(s, i, "kanal") {
				return true
			}
		case 's':
			if foldAt(s, i, "sofern") {
				return true
			}
		case 'o':
			if foldAt(s, i, "oto") {
				return true
			}
		}
	}
	return strings.Contains(s, "\u212a") || strings.Contains(s, "ſ")
}

// foldAt reports whether s holds the lower-case ASCII word w at i, in any
// letter case.
func foldAt(s string, i int, w string) bool {
	if len(s)-i < len(w) {
		return false
	}
	for j := 0; j < len(w); j++ {
		c := s[i+j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[j] {
			return false
		}
	}
	return true
}
