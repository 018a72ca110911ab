package date

import "strings"

// monthTable holds, per language, the month names (and their usual
// abbreviations, in the forms that follow a day) that day-first dates are
// written with. Each row carries an example of what it reads. English is
// read by its own patterns, which also take month-first forms.
var monthTable = []struct {
	lang, example string
	months        [12]string // "name|abbr|…" for each month, January first
}{
	{"fr", "le 3 février 2021, 1er mars 2020", [12]string{"janvier|janv", "février|fevrier|févr|fevr", "mars", "avril|avr", "mai", "juin", "juillet|juil", "août|aout", "septembre|sept", "octobre|oct", "novembre|nov", "décembre|decembre|déc|dec"}},
	{"de", "31. Mai 2019, 3. März 2020, 1. Okt. 2021", [12]string{"januar|jänner|jan", "februar|feber|feb", "märz|maerz|mär|mrz", "april|apr", "mai", "juni|jun", "juli|jul", "august|aug", "september|sept|sep", "oktober|okt", "november|nov", "dezember|dez"}},
	{"es", "3 de marzo de 2020, 04-ago-2021", [12]string{"enero|ene", "febrero|feb", "marzo|mar", "abril|abr", "mayo|may", "junio|jun", "julio|jul", "agosto|ago", "septiembre|setiembre|sept|sep", "octubre|oct", "noviembre|nov", "diciembre|dic"}},
	{"pt", "3 de março de 2020", [12]string{"janeiro|jan", "fevereiro|fev", "março|marco|mar", "abril|abr", "maio|mai", "junho|jun", "julho|jul", "agosto|ago", "setembro|set", "outubro|out", "novembro|nov", "dezembro|dez"}},
	{"it", "3 marzo 2020, 12 gen 2021", [12]string{"gennaio|gen", "febbraio|feb", "marzo|mar", "aprile|apr", "maggio|mag", "giugno|giu", "luglio|lug", "agosto|ago", "settembre|set", "ottobre|ott", "novembre|nov", "dicembre|dic"}},
	{"nl", "3 maart 2020, 12 okt. 2021", [12]string{"januari|jan", "februari|feb", "maart|mrt", "april|apr", "mei", "juni|jun", "juli|jul", "augustus|aug", "september|sept|sep", "oktober|okt", "november|nov", "december|dec"}},
	{"pl", "3 marca 2020, 12 października 2021", [12]string{"stycznia|styczeń|styczen|sty", "lutego|luty|lut", "marca|marzec", "kwietnia|kwiecień|kwi", "maja|maj", "czerwca|czerwiec|cze", "lipca|lipiec|lip", "sierpnia|sierpień|sie", "września|wrzesnia|wrzesień|wrz", "października|pazdziernika|październik|paź", "listopada|listopad|lis", "grudnia|grudzień|gru"}},
	{"cs", "3. března 2020, 12. října 2021", [12]string{"ledna|leden", "února|unora|únor", "března|brezna|březen", "dubna|duben", "května|kvetna|květen", "června|cervna|červen", "července|cervence|červenec", "srpna|srpen", "září|zari", "října|rijna|říjen", "listopadu|listopad", "prosince|prosinec"}},
	{"sv", "3 mars 2020, 12 okt. 2021", [12]string{"januari|jan", "februari|feb", "mars|mar", "april|apr", "maj", "juni|jun", "juli|jul", "augusti|aug", "september|sept|sep", "oktober|okt", "november|nov", "december|dec"}},
	{"da/no", "3. marts 2020, 12. desember 2021", [12]string{"januar|jan", "februar|feb", "marts|mars", "april|apr", "maj|mai", "juni|jun", "juli|jul", "august|aug", "september|sep", "oktober|okt", "november|nov", "december|desember|des"}},
	{"fi", "3. maaliskuuta 2020", [12]string{"tammikuuta|tammikuu", "helmikuuta|helmikuu", "maaliskuuta|maaliskuu", "huhtikuuta|huhtikuu", "toukokuuta|toukokuu", "kesäkuuta|kesäkuu", "heinäkuuta|heinäkuu", "elokuuta|elokuu", "syyskuuta|syyskuu", "lokakuuta|lokakuu", "marraskuuta|marraskuu", "joulukuuta|joulukuu"}},
	{"ru", "3 марта 2020, 12 октября 2021 г.", [12]string{"января|январь|янв", "февраля|февраль|фев", "марта|март|мар", "апреля|апрель|апр", "мая|май", "июня|июнь|июн", "июля|июль|июл", "августа|август|авг", "сентября|сентябрь|сен|сент", "октября|октябрь|окт", "ноября|ноябрь|ноя", "декабря|декабрь|дек"}},
}

// foreignMonths maps each name of monthTable, lower case, to its month.
// A name two languages share must name the same month in both.
var foreignMonths = func() map[string]int {
	m := map[string]int{}
	for _, row := range monthTable {
		for i, names := range row.months {
			for _, n := range strings.Split(names, "|") {
				if prev, ok := m[n]; ok && prev != i+1 {
					panic("date: month name " + n + " names two months")
				}
				m[n] = i + 1
			}
		}
	}
	return m
}()
