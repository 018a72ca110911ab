package boilerplate

import "testing"

// TestForeignRules checks the headings and prefixes of other languages on
// lines they must match and on sentences of an article that use the same
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
		{"reading head en", ReadingHead, "You might also like", true},
		{"reading head de", ReadingHead, "Weitere Artikel", true},
		{"comments are no reading head", ReadingHead, "Leave a comment", false},
		{"bio is no reading head", ReadingHead, "About the author", false},
		{"share bar is no reading head", ReadingHead, "Share this article", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.rule.MatchString(tc.line); got != tc.want {
				t.Errorf("%s on %q = %v, want %v", tc.rule.Name, tc.line, got, tc.want)
			}
		})
	}
}
