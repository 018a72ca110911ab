package boilerplate

import "testing"

// TestForeignRules checks the headings and prefixes of other languages,
// and their page furniture (european.go), on lines they must match and on sentences of an article that use the same
// words and must not.
func TestForeignRules(t *testing.T) {
	cases := []struct {
		name string
		rule *Rule
		line string
		want bool
	}{
		{"de head", ForeignHead, "Das könnte Dich auch interessieren", true},
		{"de more posts with a column name", ForeignHead, "Weitere Beiträge aus der Kolumne:", true},
		{"de read also with words after", ForeignHead, "Lesen Sie auch die folgenden Beiträge:", true},
		{"de no comments", ForeignHead, "Keine Kommentare", true},
		{"es head", ForeignHead, "Noticias relacionadas", true},
		{"es may interest you", ForeignHead, "Le puede interesar", true},
		{"fr head", ForeignHead, "À lire aussi", true},
		{"it head", ForeignHead, "Leggi anche", true},
		{"pt head", ForeignHead, "Veja também", true},
		{"nl head", ForeignHead, "Lees ook", true},
		{"pl head", ForeignHead, "Czytaj także", true},
		{"de sentence", ForeignHead, "Weitere Artikel der Verfassung regeln die Wahl des Präsidenten.", false},
		{"de more information is the text's own", ForeignHead, "Weitere Informationen", false},
		{"es sentence", ForeignHead, "Le puede interesar saber que el puerto abre a las ocho.", false},
		{"es prefix", ForeignPrefix, "Lea también: El puerto reabre tras la tormenta", true},
		{"es prefix upper case", ForeignPrefix, "VEA TAMBIÉN: Nuevas rutas de ferry", true},
		{"fr prefix with a space before the colon", ForeignPrefix, "À lire aussi : le port rouvre", true},
		{"de prefix", ForeignPrefix, "Lesen Sie auch: Hafen öffnet wieder", true},
		{"es sentence without a colon", ForeignPrefix, "Lea también el informe completo del ministerio", false},
		{"es bare verb prefix", ForeignPrefix, "MIRA: Vecinos estrenan el puente peatonal del puerto", true},
		{"es bare read prefix", ForeignPrefix, "Lea: El puerto reabre tras la tormenta", true},
		{"es verb opening a sentence", ForeignPrefix, "Mira que el puerto reabrió el lunes, dijo el alcalde.", false},
		{"reading head en", ReadingHead, "You might also like", true},
		{"reading head de", ReadingHead, "Weitere Artikel", true},
		{"comments are no reading head", ReadingHead, "Leave a comment", false},
		{"bio is no reading head", ReadingHead, "About the author", false},
		{"share bar is no reading head", ReadingHead, "Share this article", false},
		// the furniture of european.go
		{"de feedback widget", EuroLine, "War dieser Beitrag nützlich?", true},
		{"de liked it", EuroLine, "Hat dir dieser Artikel gefallen?", true},
		{"de share question", EuroLine, "Möchtest du den Artikel teilen?", true},
		{"de share with a second verb", EuroLine, "Den Beitrag mit Freunden teilen/kommentieren:", true},
		{"de print button", EuroLine, "Artikel drucken", true},
		{"pl print button", EuroLine, "drukuj", true},
		{"fr share button", EuroLine, "Partager", true},
		{"fr permalink", EuroLine, "Permalien https://example.org/p/12ab", true},
		{"de download as pdf", EuroLine, "Dieses Interview als PDF herunterladen", true},
		{"de back to the list", EuroLine, "Zurück zur Übersicht", true},
		{"de next post", EuroLine, "Vorschau auf den nächsten Beitrag", true},
		{"de logged out", EuroLine, "Sie sind derzeit nicht angemeldet.", true},
		{"de comment plea", EuroLine, "Schreiben Sie uns gerne in den Kommentaren, wie Sie es halten.", true},
		{"de embed placeholder", EuroLine, "Empfohlener redaktioneller Inhalt", true},
		{"de link line", EuroLine, "Hier geht es zum Programm des Hafenfests", true},
		{"de bare byline label", EuroLine, "Von:", true},
		{"es bare byline label", EuroLine, "Por:", true},
		{"de tag line", EuroLine, "Schlagworte: Hafen, Fähren, Sommer", true},
		{"de photo credit", EuroLine, "Foto: Jana Muster/Hafenbild", true},
		{"de figure caption", EuroLine, "Abbildung: Die Fährlinien im Sommerfahrplan", true},
		{"fr photo credit", EuroLine, "Crédits photos : Agence Exemple", true},
		{"de ad label", EuroLine, "*Anzeige", true},
		{"de no warranty", EuroLine, "(Alle Angaben ohne Gewähr)", true},
		{"de ad word opening a sentence", EuroLine, "Anzeige gegen den Betreiber der Fähre wurde erstattet.", false},
		{"de share in a sentence", EuroLine, "Den Artikel teilen viele Leser mit ihren Freunden, sagt die Redaktion.", false},
		{"de von in a sentence", EuroLine, "Von den zwölf Fähren fahren nur noch drei.", false},
		{"de photo in a sentence", EuroLine, "Fotos aus dem Hafen zeigen die Schäden deutlich.", false},
		{"de hier geht es in a sentence", EuroLine, "Hier geht es zum Beispiel um die Frage, wer zahlt.", false},
		{"de was it useful in a sentence", EuroLine, "War der Artikel nützlich für die Debatte, fragt der Autor.", false},
		{"de affiliate note", EuroNote, "Letzte Aktualisierung am 3.4.2022 / Bei den Verlinkungen handelt es sich um Affiliate Links / Bilder von Beispiel", true},
		{"de ad note", EuroNote, "*Werbung. Dieser Beitrag enthält Werbung für Hafenkaffee.", true},
		{"pl rights reserved", EuroNote, "Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone.", true},
		{"es channel plea", EuroNote, "¿Ya sabías que tenemos canal de Telegram? Únete aquí.", true},
		{"de licence line", EuroNote, "Sofern nicht anders angegeben, stehen die Inhalte unter CC-BY 4.0", true},
		{"fr caption with its credit", EuroNote, "Jana Muster, photo: Archives du port", true},
		{"de links in a sentence", EuroNote, "Bei den Links handelt es sich um Verweise auf die Studien der Universität.", false},
		{"es channel in a sentence", EuroNote, "El canal de Panamá reabrió el lunes tras la tormenta.", false},
		{"de updated stamp", EuroStamp, "Aktualisiert am 17.03.2021", true},
		{"de status stamp", EuroStamp, "Stand: 14.05.2020, 12:30 Uhr", true},
		{"fr updated stamp", EuroStamp, "Mis à jour le 3 février 2021", true},
		{"es updated stamp", EuroStamp, "Actualizado el 08/05/2022 02:14 a.m.", true},
		{"de created in a sentence", EuroStamp, "Erstellt wurde das Gutachten 2019.", false},
		{"de stand in a sentence", EuroStamp, "Stand der Technik 2020", false},
		{"de contact head", EuroTailHead, "Kontakt:", true},
		{"de press contact head", EuroTailHead, "Pressekontakt", true},
		{"de sources head", EuroTailHead, "Quellenangaben:", true},
		{"de sources toggle", EuroTailHead, "Quellen ausblenden", true},
		{"de original paper", EuroTailHead, "Originalpublikation", true},
		{"de about the author", EuroTailHead, "Über die Autorin", true},
		{"de tags head", EuroTailHead, "Themen", true},
		{"de literature is the text's own", EuroTailHead, "Literatur", false},
		{"en contact is not read here", EuroTailHead, "Contact", false},
		{"de contact in a heading", EuroTailHead, "Kontakt mit den Behörden", false},
		{"caption credited after a bar", CreditTail, "Lee Park at the pier in 1975. | © Jana Muster/Example Agency", true},
		{"caption credited after a word", CreditTail, "Foto © Jana Muster", true},
		{"credit after a colon", CreditTail, "Photo credit: ©Example Images", true},
		{"sign inside a sentence", CreditTail, "The logo © is the agency's own, and its use is licensed.", false},
		{"sign glued to a brand", CreditTail, "Example©Brand fonts ship with the app", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.rule.MatchString(tc.line); got != tc.want {
				t.Errorf("%s on %q = %v, want %v", tc.rule.Name, tc.line, got, tc.want)
			}
		})
	}
}
