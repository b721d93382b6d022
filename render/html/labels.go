package html

import "strings"

// labels are the few words the page adds to the article's own, in the
// article's language where we know it, in English otherwise.
type labels struct {
	by, and             string
	aboutOne, aboutMany string
	notes               string
	months              [12]string
}

var labelSets = map[string]labels{
	"en": {"By", "and", "About the author", "About the authors", "Notes",
		[12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}},
	"fr": {"Par", "et", "À propos de l’auteur", "À propos des auteurs", "Notes",
		[12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}},
	"de": {"Von", "und", "Über den Autor", "Über die Autoren", "Anmerkungen",
		[12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}},
	"es": {"Por", "y", "Sobre el autor", "Sobre los autores", "Notas",
		[12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}},
	"it": {"Di", "e", "L’autore", "Gli autori", "Note",
		[12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"}},
	"pt": {"Por", "e", "Sobre o autor", "Sobre os autores", "Notas",
		[12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"}},
}

func labelsFor(lang string) labels {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if l, ok := labelSets[primary]; ok {
		return l
	}
	return labelSets["en"]
}
