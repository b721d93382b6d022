package text

import (
	"regexp"
	"strings"
)

// Code in scraped text is of two kinds. Page leftovers (analytics
// snippets, a print plugin's style sheet) gather before the article and
// after it; an article about programming has code samples, and those
// are article. So code that carries a tracking or ad signature is junk
// wherever it stands, other code is junk when no sentence of prose comes
// before it or none after it, and the rest is kept as a code sample.

// absorbIntoCode extends code to the lines next to it that look like code
// too: `this.name = name;`, `"use strict";` or an indented `if (ready)`
// prove nothing alone, but beside code they are part of the sample. A
// line that reads like a sentence, or has three plain words in a row, is
// never taken unless it ends like a statement with code in it.
func absorbIntoCode(lines []line, isCode []bool) {
	absorbable := func(l line) bool {
		if l.text == "" {
			return false
		}
		if strings.ContainsAny(l.text[len(l.text)-1:], "{};([") {
			// a statement, unless it is prose that happens to end in ";"
			return !isProse(l.text) || strings.ContainsAny(l.text, "(=")
		}
		if wordRun(l.text) >= 3 || startsSentence(l.text) && endsSentence(l.text) {
			return false
		}
		return strings.ContainsAny(l.text, ";{}=<>") ||
			l.indent >= 2 && strings.ContainsAny(l.text, "()[]/\\\"'`$#|&*")
	}
	for i := 1; i < len(lines); i++ {
		if isCode[i-1] && !isCode[i] && absorbable(lines[i]) {
			isCode[i] = true
		}
	}
	for i := len(lines) - 2; i >= 0; i-- {
		if isCode[i+1] && !isCode[i] && absorbable(lines[i]) {
			isCode[i] = true
		}
	}
}

// isProse: four plain words in a row, as sentences have and code seldom
// does.
func isProse(s string) bool { return wordRun(s) >= 4 }

// wordRun is the longest run of plain words in s.
func wordRun(s string) int {
	run, best := 0, 0
	for _, w := range strings.Fields(s) {
		if !plainWord(w) {
			run = 0
			continue
		}
		run++
		best = max(best, run)
	}
	return best
}

// markCode drops code runs that have no sentence of prose before them or
// none after them, and marks the others as code, blank lines inside a run
// included. Sentences, not just lines: leftovers gather around the title
// and the byline too.
func markCode(lines []line, isCode []bool) []line {
	out := make([]line, 0, len(lines))
	firstProse, lastProse := -1, -1
	for i, l := range lines {
		if !isCode[i] && endsSentence(l.text) && len(strings.Fields(l.text)) >= 4 {
			if firstProse < 0 {
				firstProse = i
			}
			lastProse = i
		}
	}
	for i := 0; i < len(lines); i++ {
		if !isCode[i] {
			out = append(out, lines[i])
			continue
		}
		// The run: code lines and the blank lines between them.
		j, end := i, i
		for j < len(lines) && (isCode[j] || lines[j].text == "") {
			if isCode[j] {
				end = j
			}
			j++
		}
		if i > firstProse && end < lastProse {
			for k := i; k <= end; k++ {
				l := lines[k]
				l.code = true
				out = append(out, l)
			}
		}
		i = end
	}
	return out
}

// tracking: the names that analytics and ad snippets use. A script tag
// alone is not enough: a web developer's article shows them.
var tracking = regexp.MustCompile(`\b(?:dataLayer|gtag|googletag|adsbygoogle|fbq|_gaq|_paq|__tcfapi|_qevents|twttr|pbjs|apstag|_sf_async_config|OneSignal)\b|\bga\(\s*['"]`)

func isTracking(s string) bool { return tracking.MatchString(s) }
