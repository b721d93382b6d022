// Package lang guesses the language of an article from its text, for
// inputs that declare none: hyphenation and dc:language need one.
//
// Why github.com/abadojack/whatlanggo and not github.com/pemistahl/lingua-go
// (measured on the 134 corpus articles, 78 of which declare a language;
// first 2000 characters, primary subtags compared, 2 shared cores):
//
//	                     right   per text   load     heap     binary
//	whatlanggo v1.0.1    75/78   ~1.1 ms    none     ~0 MB    +0.5 MB
//	lingua-go v1.4.0     77/78   ~22 ms     0.2 s    18 MB    +132 MB
//	  preloaded          77/78   ~9 ms      4.5 s    473 MB   +132 MB
//	  low accuracy       77/78   ~7 ms      0.16 s   23 MB    +132 MB
//
// (lingua-go limited to 27 languages; peak RSS of the lazy mode over the
// corpus was 720 MB.) lingua-go embeds every model of its 75 languages
// whatever the builder is limited to, so it costs 132 MB of binary for
// any use. The misses are all "lorem ipsum" placeholder pages that
// declare "en": no detector can be right on them, and lingua's two extra
// hits there are luck. On real prose both were right on every article, so
// the small one wins.
//
// whatlanggo's scores overflow on long samples (a trigram's rank in the
// text is not capped, so the distance can pass its own maximum and the
// confidence goes negative, then wrong: at 4000 characters it called the
// Czech article Vietnamese). Samples are therefore cut into chunks of
// about 1000 characters, where it was right on every real article with
// full confidence, and every chunk that is sure must agree.
//
// As shipped (chunks, the 27-language second opinion, the placeholder
// rule below): 75 of the 78 declared right, none wrong, the 3 lorem-ipsum
// pages unsure (so they get the caller's default); ~1.2 ms an article.
//
// whatlanggo sorts its candidates with a stable sort over map order, so
// on a tie the language it names is random; a tie always has zero
// confidence, which Detect refuses, so the answer is deterministic. Its
// tables are read-only: Detect is safe for concurrent use.
package lang

import (
	"strings"
	"unicode"

	"github.com/abadojack/whatlanggo"
)

const (
	// sampleRunes bounds the text read: detection is for the article's
	// language, and its first paragraphs say it as well as all of it.
	sampleRunes = 2000
	// chunkRunes keeps each detection below the length where whatlanggo's
	// confidence overflows (see the package comment).
	chunkRunes = 1000
	// minLetters: below this, trigram statistics are noise ("abc def ghi"
	// came out as Romanian with full confidence).
	minLetters = 40
	// minConfidence is whatlanggo's own "reliable" threshold.
	minConfidence = whatlanggo.ReliableConfidenceThreshold
)

// Detect returns the primary BCP 47 tag of text's language ("en", "de",
// "zh", …) and ok=false when it is not sure, so that callers keep their
// default rather than a guess.
func Detect(text string) (tag string, ok bool) {
	sample := head(text, sampleRunes)
	// Placeholder Latin is no language to typeset in, and whatlanggo,
	// having no Latin profile, names a Romance language for it with
	// confidence.
	if strings.Contains(strings.ToLower(sample), "lorem ipsum") {
		return "", false
	}
	for _, chunk := range chunks(sample, chunkRunes) {
		if letters(chunk) < minLetters {
			continue
		}
		l, sure := detectChunk(chunk)
		if !sure {
			continue
		}
		t := l.Iso6391()
		if t == "" {
			t = l.Iso6393()
		}
		if tag != "" && t != tag {
			return "", false // the sure chunks disagree: a mixed text
		}
		tag = t
	}
	return tag, tag != ""
}

// common are the languages we hyphenate and the others an article is
// most often written in. whatlanggo knows 84 languages, and on a short
// text neighbours split the votes (a Czech paragraph came out as Croatian
// with confidence 0.6, a Russian one 0.7 sure): asked again among these
// alone, it is sure and right. A text it is sure of among all 84 keeps
// that answer, so a Croatian article is not called Czech.
var common = func() whatlanggo.Options {
	wl := map[whatlanggo.Lang]bool{}
	for _, l := range []whatlanggo.Lang{
		whatlanggo.Eng, whatlanggo.Deu, whatlanggo.Fra, whatlanggo.Spa,
		whatlanggo.Ita, whatlanggo.Nld, whatlanggo.Por, whatlanggo.Pol,
		whatlanggo.Ces, whatlanggo.Rus, whatlanggo.Ukr,
		whatlanggo.Arb, whatlanggo.Heb, whatlanggo.Pes, whatlanggo.Cmn,
		whatlanggo.Jpn, whatlanggo.Kor, whatlanggo.Ell, whatlanggo.Tur,
		whatlanggo.Swe, whatlanggo.Dan, whatlanggo.Nob, whatlanggo.Fin,
		whatlanggo.Hun, whatlanggo.Ron, whatlanggo.Vie, whatlanggo.Hin,
	} {
		wl[l] = true
	}
	return whatlanggo.Options{Whitelist: wl}
}()

func detectChunk(chunk string) (whatlanggo.Lang, bool) {
	if info := whatlanggo.Detect(chunk); info.Lang >= 0 && info.Confidence >= minConfidence {
		return info.Lang, true
	}
	info := whatlanggo.DetectWithOptions(chunk, common)
	return info.Lang, info.Lang >= 0 && info.Confidence >= minConfidence
}

// head returns at most n runes of s, cut at the last space before the
// limit so that no word is broken into a trigram it does not have.
func head(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			if j := strings.LastIndexFunc(s[:i], unicode.IsSpace); j > 0 {
				return s[:j]
			}
			return s[:i]
		}
		count++
	}
	return s
}

// chunks cuts s into pieces of about n runes at spaces; a short last piece
// is joined to the one before so that no chunk is too small to judge.
func chunks(s string, n int) []string {
	var out []string
	for s != "" {
		c := head(s, n)
		if c == "" || len(c) == len(s) {
			out = append(out, s)
			break
		}
		out = append(out, c)
		s = s[len(c):]
	}
	if k := len(out); k > 1 && letters(out[k-1]) < minLetters {
		out[k-2] += out[k-1]
		out = out[:k-1]
	}
	return out
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// rtl lists the languages written right to left that articles come in.
var rtl = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "yi": true, "ps": true, "sd": true, "ug": true, "dv": true, "ckb": true}

// RTL reports whether a language (a BCP 47 tag) is written right to left.
func RTL(tag string) bool {
	p, _, _ := strings.Cut(strings.ToLower(tag), "-")
	p, _, _ = strings.Cut(p, "_")
	return rtl[p]
}
