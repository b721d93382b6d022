package hyphen

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/offprint/offprint/assets"
)

// The expected hyphenations are what TeX gives: LuaTeX 1.15 (TeX Live
// 2022) loaded with the same hyph-utf8 files and minimums, asked with
// lang.hyphenate. patterns, where set, is what the patterns alone give for
// a word of the exception list: the exception must win.
var known = []struct {
	lang, word, want, patterns string
}{
	{"en-US", "hyphenation", "hy-phen-ation", ""}, // The TeXbook, ch. 14
	{"en-US", "Hyphenation", "Hy-phen-ation", ""},
	{"en-US", "typesetting", "type-set-ting", ""},
	{"en-US", "algorithm", "al-go-rithm", ""},
	{"en-US", "concatenation", "con-cate-na-tion", ""},
	{"en-US", "paragraph", "para-graph", ""},
	{"en-US", "breaking", "break-ing", ""},
	{"en-US", "democrat", "de-mo-c-rat", ""}, // the known bug the pattern file's header owns up to
	{"en-US", "table", "ta-ble", "table"},
	{"en-US", "project", "project", "pro-ject"},
	{"en-US", "presents", "presents", "pre-sents"},
	{"en-US", "associate", "as-so-ciate", "as-so-ci-ate"},

	{"en-GB", "hyphenation", "hy-phen-a-tion", ""},
	{"en-GB", "typesetting", "type-set-ting", ""},
	{"en-GB", "associate", "as-so-ci-ate", ""},
	{"en-GB", "organisation", "or-gan-isa-tion", ""},
	{"en-GB", "colour", "col-our", ""},
	{"en-GB", "however", "how-ever", "however"},
	{"en-GB", "manuscript", "ma-nu-script", "manuscript"},
	{"en-GB", "university", "uni-ver-sity", "uni-versity"},

	{"de", "Silbentrennung", "Sil-ben-tren-nung", ""},
	{"de", "Rechtschreibung", "Recht-schrei-bung", ""},
	{"de", "Donaudampfschifffahrt", "Do-nau-dampf-schiff-fahrt", ""},
	{"de", "Straße", "Stra-ße", ""},
	{"de", "Zucker", "Zu-cker", ""},

	{"fr", "hyphénation", "hy-phé-na-tion", ""},
	{"fr", "développement", "dé-ve-lop-pe-ment", ""},
	{"fr", "anticonstitutionnellement", "an-ti-cons-ti-tu-tion-nel-le-ment", ""},
	{"fr", "l’organisation", "l’or-ga-ni-sa-tion", ""},
	{"fr", "l'organisation", "l'or-ga-ni-sa-tion", ""},
	{"fr", "aujourd’hui", "au-jour-d’hui", ""},

	{"es", "silabación", "si-la-ba-ción", ""},
	{"es", "desarrollo", "de-sa-rro-llo", ""},
	{"es", "ferrocarril", "fe-rro-ca-rril", ""},

	{"it", "sillabazione", "sil-la-ba-zio-ne", ""},
	{"it", "costituzione", "co-sti-tu-zio-ne", ""},
	{"it", "dell’organizzazione", "del-l’or-ga-niz-za-zio-ne", ""},
	{"it", "l’anima", "l’a-ni-ma", ""},

	{"nl", "afbreekpatronen", "af-breek-pa-tro-nen", ""},
	{"nl", "ontwikkeling", "ont-wik-ke-ling", ""},
	{"nl", "aandachtstrekker", "aan-dachts-trek-ker", "aan-dacht-s-trek-ker"},
	{"nl", "achtender", "acht-en-der", "ach-t-en-der"},

	{"pt-BR", "hifenização", "hi-fe-ni-za-ção", ""},
	{"pt", "desenvolvimento", "de-sen-vol-vi-mento", ""},
	{"pt", "português", "por-tu-guês", ""},
	{"pt", "software", "soft-ware", "software"},

	{"pl", "dzielenie", "dzie-le-nie", ""},
	{"pl", "konstytucja", "kon-sty-tu-cja", ""},
	{"pl", "bynajmniej", "by-naj-mniej", "by-najm-niej"},

	{"cs", "rozdělování", "roz-dě-lo-vání", ""},
	{"cs", "koeficient", "koe-fi-ci-ent", "ko-efi-ci-ent"},
	{"cs", "projekční", "pro-jek-ční", "pro-jekční"},
	// The list says koe-fi-ci-en-ty, but "ty" is fewer letters than
	// Czech's right minimum of 3. TeX82 applies the minimums to
	// exceptions too (LuaTeX does not); so do we.
	{"cs", "koeficienty", "koe-fi-ci-enty", "ko-efi-ci-enty"},

	{"ru", "перенос", "пе-ре-нос", ""},
	{"ru", "библиотека", "биб-лио-те-ка", ""},
	{"ru", "конституция", "кон-сти-ту-ция", ""},
	{"ru", "бизнесмен", "биз-нес-мен", "биз-не-смен"},
	{"ru", "бездн", "бездн", "без-дн"},

	{"uk", "бібліотека", "бі-бліо-те-ка", ""},
	{"uk", "конституція", "кон-сти-ту-ція", ""},
	{"uk", "українська", "укра-їн-ська", ""},
	{"uk", "м’ясо", "м’я-со", ""},
	{"uk", "пʼятдесят", "пʼят-де-сят", ""}, // U+02BC, the modifier-letter apostrophe
}

func TestKnownWords(t *testing.T) {
	for _, c := range known {
		if languages[resolve(c.lang)] == nil {
			continue // not in this build (copyleft patterns need -tags gplpatterns)
		}
		h, ok := For(c.lang)
		if !ok {
			t.Fatalf("For(%q): no hyphenator", c.lang)
		}
		if got := h.Hyphenate(c.word, "-"); got != c.want {
			t.Errorf("%s: Hyphenate(%q) = %q, want %q", c.lang, c.word, got, c.want)
		}
		if c.patterns != "" {
			bare := *h
			bare.exceptions = nil
			if got := bare.Hyphenate(c.word, "-"); got != c.patterns {
				t.Errorf("%s: patterns alone hyphenate %q as %q, want %q", c.lang, c.word, got, c.patterns)
			}
		}
	}
}

func TestFor(t *testing.T) {
	for _, c := range []struct{ tag, want string }{
		{"en", "en-us"}, {"EN-us", "en-us"}, {"en_US", "en-us"}, {"en-CA", "en-us"}, {"eng", "en-us"},
		{"en-GB", "en-gb"}, {"en_gb", "en-gb"}, {"en-AU", "en-gb"}, {"en-NZ", "en-gb"}, {"en-IE", "en-gb"},
		{"en-ZA", "en-gb"}, {"en-IN", "en-gb"}, {"en-Latn-GB", "en-gb"}, {"en-GB-oxendict", "en-gb"},
		{"de", "de-1996"}, {"de-DE", "de-1996"}, {"de-AT", "de-1996"}, {"de-CH", "de-1996"}, {"de-1996", "de-1996"},
		{"fr-CA", "fr"}, {"fre", "fr"}, {"es-419", "es"}, {"it-CH", "it"}, {"nl-BE", "nl"},
		{"pt-BR", "pt"}, {"pt-PT", "pt"}, {"pl-PL", "pl"}, {"cs-CZ", "cs"}, {"ru-RU", "ru"}, {"uk-UA", "uk"},
		{" ru ", "ru"},
		{"", ""}, {"und", ""}, {"ja", ""}, {"zh-Hans-CN", ""}, {"x-klingon", ""}, {"english", ""}, {"ua", ""},
	} {
		if languages[c.want] == nil {
			c.want = "" // not in this build
		}
		h, ok := For(c.tag)
		switch {
		case c.want == "" && ok:
			t.Errorf("For(%q) = %s, want none", c.tag, h.Tag())
		case c.want != "" && !ok:
			t.Errorf("For(%q): none, want %s", c.tag, c.want)
		case ok && h.Tag() != c.want:
			t.Errorf("For(%q) = %s, want %s", c.tag, h.Tag(), c.want)
		}
	}
	a, _ := For("en")
	b, _ := For("en-US")
	if a != b {
		t.Error(`For("en") and For("en-US") built two hyphenators`)
	}
}

// Every language assets ships is reachable, with the minimums its own file
// states for typesetting.
func TestMinimumsMatchPatternFiles(t *testing.T) {
	mins := regexp.MustCompile(`typesetting:\s*%\s*left:\s*(\d+)\s*%\s*right:\s*(\d+)`)
	tags := assets.HyphenationLanguages()
	if len(tags) != len(languages) {
		t.Errorf("assets ship %d languages %v, we know %d", len(tags), tags, len(languages))
	}
	for _, tag := range tags {
		h, ok := For(tag)
		if !ok || h.Tag() != tag {
			t.Errorf("For(%q) does not give the %s patterns", tag, tag)
			continue
		}
		lic, ok := assets.HyphenationLicense(tag)
		if !ok {
			t.Errorf("%s: no licence file", tag)
			continue
		}
		m := mins.FindSubmatch(lic)
		if m == nil {
			t.Errorf("%s: licence header states no typesetting minimums", tag)
			continue
		}
		left, _ := strconv.Atoi(string(m[1]))
		right, _ := strconv.Atoi(string(m[2]))
		if h.LeftMin() != left || h.RightMin() != right {
			t.Errorf("%s: minimums %d/%d, the pattern file says %d/%d", tag, h.LeftMin(), h.RightMin(), left, right)
		}
	}
}

// Tokens that are not words get no breaks, though the word in each would.
func TestNoBreaksInNonWords(t *testing.T) {
	h, _ := For("en")
	if h.Points("hyphenation") == nil || h.Points("example") == nil {
		t.Fatal("the control words have no breaks")
	}
	for _, tok := range []string{
		"https://example.com/some-path",
		"https://example.com/hyphenation",
		"user@example.org",
		"hyphenation@example.org",
		"@hyphenation",
		"#hyphenation",
		"hyphenation_rules",
		"example.com",
		"hyphenation2",
		"1234567",
		"3.14159",
		"COVID-19",
		"HYPHENATION",
		"UNESCO",
		"hyphen\u00adation", // the author placed a break already
	} {
		if p := h.Points(tok); p != nil {
			t.Errorf("Points(%q) = %v, want none", tok, p)
		}
	}
}

func TestPunctuationAndCompounds(t *testing.T) {
	for _, c := range []struct{ lang, word, want string }{
		{"en", "“hyphenation,”", "“hy-phen-ation,”"},
		{"en", "(hyphenation).", "(hy-phen-ation)."},
		{"en", "‘algorithm’", "‘al-go-rithm’"},
		{"en", "—hyphenation—", "—hy-phen-ation—"},
		{"de", "„Silbentrennung“", "„Sil-ben-tren-nung“"},
		{"es", "¿desarrollo?", "¿de-sa-rro-llo?"},
		{"fr", "«développement»", "«dé-ve-lop-pe-ment»"},
		{"fr", "(l’organisation)", "(l’or-ga-ni-sa-tion)"},
		// An apostrophe the patterns do not know ends the part hyphenated;
		// what follows is a part of its own and "’s" never stands alone.
		{"en", "Russia’s", "Rus-sia’s"},
		{"en", "Russia's", "Rus-sia's"},
		{"en", "hyphenation’s", "hy-phen-ation’s"},
		{"en", "O’Sullivan", "O’Sul-li-van"},
		{"en", "shouldn’t", "shouldn’t"},
		{"en", "NATO’s", "NATO’s"},
	} {
		h, _ := For(c.lang)
		if got := h.Hyphenate(c.word, "-"); got != c.want {
			t.Errorf("%s: Hyphenate(%q) = %q, want %q", c.lang, c.word, got, c.want)
		}
	}

	// A compound is hyphenated part by part, as if each stood alone.
	for _, c := range []struct{ lang, word, sep string }{
		{"en", "self-determination", "-"},
		{"en", "hyphenation-algorithm", "-"},
		{"en", "re-establishment", "-"},
		{"en", "well-known", "-"},
		{"en", "typesetting‐hyphenation", "‐"}, // U+2010 HYPHEN
		{"de", "Ost-West-Beziehungen", "-"},
		{"ru", "северо-западный", "-"},
		{"fr", "arc-en-ciel", "-"},
	} {
		h, _ := For(c.lang)
		var parts []string
		for _, p := range strings.Split(c.word, c.sep) {
			parts = append(parts, h.Hyphenate(p, "="))
		}
		if got, want := h.Hyphenate(c.word, "="), strings.Join(parts, c.sep); got != want {
			t.Errorf("%s: Hyphenate(%q) = %q, want %q", c.lang, c.word, got, want)
		}
	}
}

// words returns the whitespace-separated tokens of the sample inputs, and
// some made up from each language's own patterns.
func words(t testing.TB, tag string) []string {
	return append(sampleWords(t), madeUpWords(tag)...)
}

// sampleWords returns the whitespace-separated tokens of the sample
// inputs: real English, punctuation and all.
func sampleWords(t testing.TB) []string {
	var toks []string
	samples, _ := filepath.Glob("../../../samples/*.*")
	for _, f := range samples {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		toks = append(toks, strings.Fields(string(b))...)
	}
	if len(toks) < 1000 {
		t.Fatalf("only %d words in %v", len(toks), samples)
	}
	return toks
}

// madeUpWords strings fragments of a language's patterns together into
// words that set off many patterns, and dresses them in the punctuation,
// capitals, hyphens and apostrophes that text has. The same words every
// run.
func madeUpWords(tag string) []string {
	var toks []string
	pat, _, _ := assets.HyphenationPatterns(tag)
	var frags []string
	for _, p := range strings.Fields(string(pat)) {
		f := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) {
				return r
			}
			return -1
		}, p)
		if f != "" {
			frags = append(frags, f)
		}
	}
	rng := rand.New(rand.NewPCG(1, uint64(len(tag))))
	wrap := []string{"", "", "", "“”", "()", "‚‘", "«»", "—,"}
	for range 3000 {
		var b strings.Builder
		for j := range 1 + rng.IntN(5) {
			if j > 0 && rng.IntN(8) == 0 {
				b.WriteString([]string{"-", "’", "'", "‐"}[rng.IntN(4)])
			}
			b.WriteString(frags[rng.IntN(len(frags))])
		}
		w := b.String()
		switch rng.IntN(6) {
		case 0:
			w = strings.ToUpper(w)
		case 1:
			r, n := utf8.DecodeRuneInString(w)
			w = string(unicode.ToUpper(r)) + w[n:]
		}
		ww := []rune(wrap[rng.IntN(len(wrap))])
		if len(ww) == 2 {
			w = string(ww[0]) + w + string(ww[1])
		}
		toks = append(toks, w)
	}
	return toks
}

// Over every word: breaks fall between letters of one part, never leave
// fewer letters than the minimums on either side within it, and never fall
// in a token with a digit or an address sign.
func TestBreaksHonourMinimums(t *testing.T) {
	for tag := range languages {
		h, _ := For(tag)
		inPart := func(r rune) bool {
			return unicode.IsLetter(r) || unicode.IsMark(r) || h.apostrophe && isApostrophe(r)
		}
		count := func(s string) int { // letters in the part s starts or ends
			n := 0
			for _, r := range s {
				if !inPart(r) {
					break
				}
				if unicode.IsLetter(r) && !isApostrophe(r) {
					n++
				}
			}
			return n
		}
		reverse := func(s string) string {
			r := []rune(s)
			for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
				r[i], r[j] = r[j], r[i]
			}
			return string(r)
		}
		broken := 0
		for _, w := range words(t, tag) {
			points := h.Points(w)
			if len(points) > 0 && strings.ContainsFunc(w, func(r rune) bool {
				return unicode.IsDigit(r) || strings.ContainsRune("@/_#", r)
			}) {
				t.Errorf("%s: %q is not a word, but breaks at %v", tag, w, points)
			}
			last := 0
			for _, p := range points {
				if p <= last || p >= len(w) || !utf8.RuneStart(w[p]) {
					t.Errorf("%s: %q: break %d out of order or inside a character (%v)", tag, w, p, points)
					break
				}
				last = p
				before, _ := utf8.DecodeLastRuneInString(w[:p])
				after, _ := utf8.DecodeRuneInString(w[p:])
				if !(unicode.IsLetter(before) || unicode.IsMark(before)) || !unicode.IsLetter(after) || isApostrophe(before) || isApostrophe(after) {
					t.Errorf("%s: %q: break %q|%q not between letters", tag, w, w[:p], w[p:])
				}
				if l, r := count(reverse(w[:p])), count(w[p:]); l < h.LeftMin() || r < h.RightMin() {
					t.Errorf("%s: %q: break %q|%q leaves %d|%d letters, minimums %d|%d",
						tag, w, w[:p], w[p:], l, r, h.LeftMin(), h.RightMin())
				}
			}
			broken += len(points)
		}
		if broken < 1000 {
			t.Errorf("%s: only %d breaks in all the words: the property was hardly tested", tag, broken)
		}
	}
}

// Many goroutines asking for the same languages at once get one hyphenator
// each and the same answers; go test -race checks the rest.
func TestConcurrentUse(t *testing.T) {
	fresh := &language{left: 2, right: 3}
	const n = 16
	got := make([]*Hyphenator, n)
	results := make([][]string, n)
	tags := assets.HyphenationLanguages()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			got[i] = fresh.get("en-us")
			for _, tag := range tags {
				h, _ := For(tag)
				results[i] = append(results[i], tag+" "+h.Hyphenate("hyphenation", "-"))
			}
			results[i] = append(results[i], got[i].Hyphenate("hyphenation", "-"))
		})
	}
	wg.Wait()
	for i := range n {
		if got[i] != got[0] {
			t.Fatal("a language was built more than once")
		}
		if strings.Join(results[i], ",") != strings.Join(results[0], ",") {
			t.Fatalf("goroutines disagree:\n%v\n%v", results[i], results[0])
		}
	}
	if last := results[0][len(results[0])-1]; last != "hy-phen-ation" {
		t.Errorf("concurrently built hyphenator gives %q", last)
	}
}

// BenchmarkHyphenate runs over the English samples' words, and over German
// words made up to set off many patterns.
func BenchmarkHyphenate(b *testing.B) {
	for _, c := range []struct {
		tag   string
		words []string
	}{{"en-us", sampleWords(b)}, {"de-1996", madeUpWords("de-1996")}} {
		b.Run(c.tag, func(b *testing.B) {
			h, _ := For(c.tag)
			ws := c.words
			for b.Loop() {
				for _, w := range ws {
					h.Points(w)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ws)), "ns/word")
		})
	}
}

// BenchmarkLoad is the one-time cost of a language's first use.
func BenchmarkLoad(b *testing.B) {
	for _, tag := range assets.HyphenationLanguages() {
		l := languages[tag]
		b.Run(tag, func(b *testing.B) {
			for b.Loop() {
				load(tag, l.left, l.right)
			}
		})
	}
}
