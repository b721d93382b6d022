package epub

import (
	"fmt"
	"strings"
	"time"
)

// labels are the few words the EPUB adds to the article's own, in the
// article's language where we know it, in English otherwise. A reader of
// a French article should not meet "About the author".
type labels struct {
	by, and                string
	contents, landmarks    string
	titlePage, startOfText string
	notes                  string
	aboutOne, aboutMany    string
	months                 [12]string
	day                    string // fmt layout of a full date: day, month name, year
	month                  string // month name, year
}

var labelSets = map[string]labels{
	"en": {
		by: "By", and: "and", contents: "Contents", landmarks: "Guide",
		titlePage: "Title page", startOfText: "Start of the article", notes: "Notes",
		aboutOne: "About the author", aboutMany: "About the authors",
		months: [12]string{"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"},
		day: "%[1]d %[2]s %[3]d", month: "%[2]s %[3]d",
	},
	"fr": {
		by: "Par", and: "et", contents: "Sommaire", landmarks: "Repères",
		titlePage: "Page de titre", startOfText: "Début de l’article", notes: "Notes",
		aboutOne: "À propos de l’auteur", aboutMany: "À propos des auteurs",
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
			"août", "septembre", "octobre", "novembre", "décembre"},
		day: "%[1]d %[2]s %[3]d", month: "%[2]s %[3]d",
	},
	"de": {
		by: "Von", and: "und", contents: "Inhalt", landmarks: "Orientierung",
		titlePage: "Titelseite", startOfText: "Beginn des Artikels", notes: "Anmerkungen",
		aboutOne: "Über den Autor", aboutMany: "Über die Autoren",
		months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
			"August", "September", "Oktober", "November", "Dezember"},
		day: "%[1]d. %[2]s %[3]d", month: "%[2]s %[3]d",
	},
	"es": {
		by: "Por", and: "y", contents: "Índice", landmarks: "Guía",
		titlePage: "Portada", startOfText: "Inicio del artículo", notes: "Notas",
		aboutOne: "Sobre el autor", aboutMany: "Sobre los autores",
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
			"agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		day: "%[1]d de %[2]s de %[3]d", month: "%[2]s de %[3]d",
	},
	"it": {
		by: "Di", and: "e", contents: "Indice", landmarks: "Guida",
		titlePage: "Frontespizio", startOfText: "Inizio dell’articolo", notes: "Note",
		aboutOne: "L’autore", aboutMany: "Gli autori",
		months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
			"agosto", "settembre", "ottobre", "novembre", "dicembre"},
		day: "%[1]d %[2]s %[3]d", month: "%[2]s %[3]d",
	},
	"pt": {
		by: "Por", and: "e", contents: "Sumário", landmarks: "Guia",
		titlePage: "Folha de rosto", startOfText: "Início do artigo", notes: "Notas",
		aboutOne: "Sobre o autor", aboutMany: "Sobre os autores",
		months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
			"agosto", "setembro", "outubro", "novembro", "dezembro"},
		day: "%[1]d de %[2]s de %[3]d", month: "%[2]s de %[3]d",
	},
	"nl": {
		by: "Door", and: "en", contents: "Inhoud", landmarks: "Oriëntatiepunten",
		titlePage: "Titelpagina", startOfText: "Begin van het artikel", notes: "Noten",
		aboutOne: "Over de auteur", aboutMany: "Over de auteurs",
		months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
			"augustus", "september", "oktober", "november", "december"},
		day: "%[1]d %[2]s %[3]d", month: "%[2]s %[3]d",
	},
}

// labelsFor picks the set for a BCP 47 tag by its primary language.
func labelsFor(lang string) labels {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if l, ok := labelSets[primary]; ok {
		return l
	}
	return labelSets["en"]
}

// names joins a byline: "A", "A and B", "A, B and C".
func (l labels) names(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + l.and + " " + names[len(names)-1]
}

// articleDate reads Meta.Date as the article wrote it: the calendar date
// before any time of day, not shifted to UTC (an evening article in New
// York must not move to the next day). It returns the machine form for
// dc:date and <time datetime>, the human form, and whether it could read it.
func (l labels) articleDate(s string) (machine, human string, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	for _, f := range []struct{ layout, human string }{
		{"2006-01-02", l.day}, {"2006-01", l.month}, {"2006", "%[3]d"},
	} {
		t, err := time.Parse(f.layout, s)
		if err != nil {
			continue
		}
		return s, fmt.Sprintf(f.human, t.Day(), l.months[t.Month()-1], t.Year()), true
	}
	return "", "", false
}
