package labels

import "testing"

// What a reader sees around an article, by the document's language tag.
func TestFor(t *testing.T) {
	for _, tc := range []struct {
		lang                       string
		byline, date, page, about1 string
		aboutMany, notes, contents string
	}{
		{"en", "By Ada Lovelace and Alan Turing", "1 August 2024", "page 2 of 3", "About the author", "About the authors", "Notes", "Contents"},
		{"en-GB", "By Ada Lovelace and Alan Turing", "1 August 2024", "page 2 of 3", "About the author", "About the authors", "Notes", "Contents"},
		{"fr", "Par Ada Lovelace et Alan Turing", "1 août 2024", "page 2 sur 3", "À propos de l’auteur", "À propos des auteurs", "Notes", "Sommaire"},
		{"fr-CA", "Par Ada Lovelace et Alan Turing", "1 août 2024", "page 2 sur 3", "À propos de l’auteur", "À propos des auteurs", "Notes", "Sommaire"},
		{"FR_fr", "Par Ada Lovelace et Alan Turing", "1 août 2024", "page 2 sur 3", "À propos de l’auteur", "À propos des auteurs", "Notes", "Sommaire"},
		{"de", "Von Ada Lovelace und Alan Turing", "1. August 2024", "Seite 2 von 3", "Über den Autor", "Über die Autoren", "Anmerkungen", "Inhalt"},
		{"es", "Por Ada Lovelace y Alan Turing", "1 de agosto de 2024", "página 2 de 3", "Sobre el autor", "Sobre los autores", "Notas", "Índice"},
		{"it", "Di Ada Lovelace e Alan Turing", "1 agosto 2024", "pagina 2 di 3", "L’autore", "Gli autori", "Note", "Indice"},
		{"pt-BR", "Por Ada Lovelace e Alan Turing", "1 de agosto de 2024", "página 2 de 3", "Sobre o autor", "Sobre os autores", "Notas", "Sumário"},
		{"nl", "Door Ada Lovelace en Alan Turing", "1 augustus 2024", "pagina 2 van 3", "Over de auteur", "Over de auteurs", "Noten", "Inhoud"},
		// no words for these: English, not nothing
		{"xx", "By Ada Lovelace and Alan Turing", "1 August 2024", "page 2 of 3", "About the author", "About the authors", "Notes", "Contents"},
		{"ar", "By Ada Lovelace and Alan Turing", "1 August 2024", "page 2 of 3", "About the author", "About the authors", "Notes", "Contents"},
		{"", "By Ada Lovelace and Alan Turing", "1 August 2024", "page 2 of 3", "About the author", "About the authors", "Notes", "Contents"},
		// "fry" is not French because it starts with "fr"
		{"fry", "By Ada Lovelace and Alan Turing", "1 August 2024", "page 2 of 3", "About the author", "About the authors", "Notes", "Contents"},
	} {
		s := For(tc.lang)
		_, date, ok := s.Date("2024-08-01")
		for _, c := range []struct{ what, got, want string }{
			{"byline", s.Byline([]string{"Ada Lovelace", "Alan Turing"}), tc.byline},
			{"date", date, tc.date},
			{"page", s.Page(2, 3), tc.page},
			{"about one", s.About(1), tc.about1},
			{"about many", s.About(2), tc.aboutMany},
			{"notes", s.Notes, tc.notes},
			{"contents", s.Contents, tc.contents},
		} {
			if c.got != c.want {
				t.Errorf("%q %s: %q, want %q", tc.lang, c.what, c.got, c.want)
			}
		}
		if !ok {
			t.Errorf("%q: 2024-08-01 not read as a date", tc.lang)
		}
	}
}

func TestNames(t *testing.T) {
	fr := For("fr")
	for _, tc := range []struct {
		names        []string
		list, byline string
	}{
		{nil, "", ""},
		{[]string{"A"}, "A", "Par A"},
		{[]string{"A", "B"}, "A et B", "Par A et B"},
		{[]string{"A", "B", "C"}, "A, B et C", "Par A, B et C"},
	} {
		if got := fr.Names(tc.names); got != tc.list {
			t.Errorf("Names(%q) = %q, want %q", tc.names, got, tc.list)
		}
		if got := fr.Byline(tc.names); got != tc.byline {
			t.Errorf("Byline(%q) = %q, want %q", tc.names, got, tc.byline)
		}
	}
}

// Dates are written to the precision the article gave, on the calendar
// day it gave whatever the time zone.
func TestDate(t *testing.T) {
	for _, tc := range []struct {
		lang, in       string
		machine, human string
	}{
		{"en", "2025-02-14", "2025-02-14", "14 February 2025"},
		{"en", " 2025-02-14 ", "2025-02-14", "14 February 2025"},
		{"en", "2025-02", "2025-02", "February 2025"},
		{"en", "2025", "2025", "2025"},
		{"en", "2023-11-02T23:30:00-05:00", "2023-11-02", "2 November 2023"},
		{"en", "2023-11-02 23:30", "2023-11-02", "2 November 2023"},
		{"fr", "2024-08", "2024-08", "août 2024"},
		{"de", "2024-03-05", "2024-03-05", "5. März 2024"},
		{"es", "2024-03", "2024-03", "marzo de 2024"},
		{"pt", "2024-12-25", "2024-12-25", "25 de dezembro de 2024"},
		{"en", "yesterday", "", ""},
		{"en", "2024-13-01", "", ""},
		{"en", "", "", ""},
	} {
		machine, human, ok := For(tc.lang).Date(tc.in)
		if machine != tc.machine || human != tc.human || ok != (tc.machine != "") {
			t.Errorf("%s Date(%q) = %q, %q, %v; want %q, %q", tc.lang, tc.in, machine, human, ok, tc.machine, tc.human)
		}
	}
}

// Every language says everything: an empty label would print as a
// bare name or a heading with no words.
func TestComplete(t *testing.T) {
	for lang, s := range sets {
		for what, v := range map[string]string{
			"By": s.By, "And": s.And, "Notes": s.Notes, "AboutOne": s.AboutOne, "AboutMany": s.AboutMany,
			"Untitled": s.Untitled, "Contents": s.Contents, "Landmarks": s.Landmarks, "TitlePage": s.TitlePage, "StartOfText": s.StartOfText,
			"day": s.day, "month": s.month, "page": s.page,
		} {
			if v == "" {
				t.Errorf("%s: no %s", lang, what)
			}
		}
		for i, m := range s.months {
			if m == "" {
				t.Errorf("%s: no name for month %d", lang, i+1)
			}
		}
	}
}
