// Package labels holds the words a rendered article prints around its own
// text (the byline's "By", "Notes", "About the author", the PDF's "page 2
// of 3", the EPUB's navigation) and the way it writes a date, in the
// article's language. The EPUB, the HTML page and the PDF take them from
// here so that one article reads the same in all three: a reader of a
// French article should meet "Par" and "1 août 2024" in each, and English
// where we have no words for the language.
package labels

import (
	"fmt"
	"strings"
	"time"
)

// Set is the words for one language.
type Set struct {
	By        string // before the authors' names: "By"
	And       string // before the last of several names: "and"
	Notes     string // heading of the notes section
	AboutOne  string // heading of the bio of one author
	AboutMany string // … of several authors
	Untitled  string // the title of an article that has none
	// EPUB navigation.
	Contents    string // the table of contents' title
	Landmarks   string // the landmarks list's title
	TitlePage   string // landmark of the masthead page
	StartOfText string // landmark of the article's start

	months [12]string
	day    string // fmt layout of a full date: [1] day, [2] month name, [3] year
	month  string // … of a month and year
	page   string // fmt layout of a folio: [1] this page, [2] the number of pages
}

var sets = map[string]Set{
	"en": {
		By: "By", And: "and", Notes: "Notes", Untitled: "Untitled",
		AboutOne: "About the author", AboutMany: "About the authors",
		Contents: "Contents", Landmarks: "Guide", TitlePage: "Title page", StartOfText: "Start of the article",
		months: [12]string{"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"},
		day: "%[1]d %[2]s %[3]d", month: "%[2]s %[3]d", page: "page %[1]d of %[2]d",
	},
	"fr": {
		By: "Par", And: "et", Notes: "Notes", Untitled: "Sans titre",
		AboutOne: "À propos de l’auteur", AboutMany: "À propos des auteurs",
		Contents: "Sommaire", Landmarks: "Repères", TitlePage: "Page de titre", StartOfText: "Début de l’article",
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
			"août", "septembre", "octobre", "novembre", "décembre"},
		day: "%[1]d %[2]s %[3]d", month: "%[2]s %[3]d", page: "page %[1]d sur %[2]d",
	},
	"de": {
		By: "Von", And: "und", Notes: "Anmerkungen", Untitled: "Ohne Titel",
		AboutOne: "Über den Autor", AboutMany: "Über die Autoren",
		Contents: "Inhalt", Landmarks: "Orientierung", TitlePage: "Titelseite", StartOfText: "Beginn des Artikels",
		months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
			"August", "September", "Oktober", "November", "Dezember"},
		day: "%[1]d. %[2]s %[3]d", month: "%[2]s %[3]d", page: "Seite %[1]d von %[2]d",
	},
	"es": {
		By: "Por", And: "y", Notes: "Notas", Untitled: "Sin título",
		AboutOne: "Sobre el autor", AboutMany: "Sobre los autores",
		Contents: "Índice", Landmarks: "Guía", TitlePage: "Portada", StartOfText: "Inicio del artículo",
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
			"agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		day: "%[1]d de %[2]s de %[3]d", month: "%[2]s de %[3]d", page: "página %[1]d de %[2]d",
	},
	"it": {
		By: "Di", And: "e", Notes: "Note", Untitled: "Senza titolo",
		AboutOne: "L’autore", AboutMany: "Gli autori",
		Contents: "Indice", Landmarks: "Guida", TitlePage: "Frontespizio", StartOfText: "Inizio dell’articolo",
		months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
			"agosto", "settembre", "ottobre", "novembre", "dicembre"},
		day: "%[1]d %[2]s %[3]d", month: "%[2]s %[3]d", page: "pagina %[1]d di %[2]d",
	},
	"pt": {
		By: "Por", And: "e", Notes: "Notas", Untitled: "Sem título",
		AboutOne: "Sobre o autor", AboutMany: "Sobre os autores",
		Contents: "Sumário", Landmarks: "Guia", TitlePage: "Folha de rosto", StartOfText: "Início do artigo",
		months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
			"agosto", "setembro", "outubro", "novembro", "dezembro"},
		day: "%[1]d de %[2]s de %[3]d", month: "%[2]s de %[3]d", page: "página %[1]d de %[2]d",
	},
	"nl": {
		By: "Door", And: "en", Notes: "Noten", Untitled: "Zonder titel",
		AboutOne: "Over de auteur", AboutMany: "Over de auteurs",
		Contents: "Inhoud", Landmarks: "Oriëntatiepunten", TitlePage: "Titelpagina", StartOfText: "Begin van het artikel",
		months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
			"augustus", "september", "oktober", "november", "december"},
		day: "%[1]d %[2]s %[3]d", month: "%[2]s %[3]d", page: "pagina %[1]d van %[2]d",
	},
}

// For picks the set for a BCP 47 tag by its primary language subtag, so
// that "fr-CA" reads French and "pt-BR" Portuguese; a language we have no
// words for, or no tag at all, reads English.
func For(lang string) Set {
	primary := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(primary, "-_"); i >= 0 {
		primary = primary[:i] // "_" too: locale names like fr_FR turn up in metadata
	}
	if s, ok := sets[primary]; ok {
		return s
	}
	return sets["en"]
}

// Names joins a list of names as the language reads them: "A", "A and
// B", "A, B and C".
func (s Set) Names(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + s.And + " " + names[len(names)-1]
}

// Byline is "By A and B", or "" when there is nobody to name.
func (s Set) Byline(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return s.By + " " + s.Names(names)
}

// About is the heading over the bios of n authors.
func (s Set) About(n int) string {
	if n > 1 {
		return s.AboutMany
	}
	return s.AboutOne
}

// Page is the folio at the foot of page n of total: "page 2 of 3".
func (s Set) Page(n, total int) string {
	return fmt.Sprintf(s.page, n, total)
}

// Date reads an article's date as it wrote it: the calendar date before
// any time of day, not shifted to UTC (an evening article in New York
// must not move to the next day). It returns the machine form, to the
// precision given ("2024-08-01", "2024-08" or "2024"), the human form
// ("1 August 2024", "August 2024", "2024"), and whether it could read it.
func (s Set) Date(date string) (machine, human string, ok bool) {
	date = strings.TrimSpace(date)
	if len(date) > 10 && (date[10] == 'T' || date[10] == ' ') {
		date = date[:10]
	}
	for _, f := range []struct{ layout, human string }{
		{"2006-01-02", s.day}, {"2006-01", s.month}, {"2006", "%[3]d"},
	} {
		t, err := time.Parse(f.layout, date)
		if err != nil {
			continue
		}
		return date, fmt.Sprintf(f.human, t.Day(), s.months[t.Month()-1], t.Year()), true
	}
	return "", "", false
}
