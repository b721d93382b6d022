package text

import (
	"regexp"
	"strings"
	"unicode"
)

// dropJunk removes the lines that are page furniture rather than article:
// stock boilerplate lines, and CSS and script left by the page. A line is
// junk only when the whole of it is; prose that mentions CSS or
// advertising is prose. Junk lines vanish rather than turn blank, so an
// "Advertisement" line inside a wrapped paragraph does not split it.
// Code that is not junk (see markCode) comes back marked as code.
func dropJunk(lines []line) []line {
	code := make([]bool, len(lines))
	markCSSRuns(lines, code)
	kept := make([]line, 0, len(lines))
	var isCode []bool
	for i, l := range lines {
		c := code[i] || isCSSLine(l.text) || isScriptLine(l.text)
		if isBoilerplate(l.text) || c && isTracking(l.text) {
			continue
		}
		kept = append(kept, l)
		isCode = append(isCode, c)
	}
	absorbIntoCode(kept, isCode)
	return markCode(kept, isCode)
}

// boilerplate is page furniture no article says of itself: ad markers,
// skip links, share buttons. Calls to action ("Read more:", "Sign up for
// our newsletter") are not here: a scrape that kept one kept it inside
// the article, often as the lead-in to links that stay, and the reader
// keeps every word the article holds.
//
// It is matched against the whole line, lower-cased, with
// trailing ":", "…", "»" and the like and enclosing brackets removed.
var boilerplate = map[string]bool{
	"share this":                            true,
	"share this article":                    true,
	"share this story":                      true,
	"share this post":                       true,
	"share this page":                       true,
	"share on facebook":                     true,
	"share on twitter":                      true,
	"share on x":                            true,
	"share on linkedin":                     true,
	"share via email":                       true,
	"advertisement":                         true,
	"ad":                                    true,
	"sponsored content":                     true,
	"skip to content":                       true,
	"skip to main content":                  true,
	"click here to subscribe":               true,
	"subscribe now":                         true,
	"back to top":                           true,
	"print this article":                    true,
	"print this page":                       true,
	"story continues below advertisement":   true,
	"article continues below advertisement": true,
	"content continues below":               true,
	"scroll to continue with content":       true,
	"loading":                               true,
}

func isBoilerplate(s string) bool {
	s = strings.ToLower(strings.TrimRight(s, " :.…»›>→|-–—"))
	s = strings.Trim(s, "[]()")
	s = strings.Join(strings.Fields(s), " ")
	return boilerplate[s]
}

var (
	// A selector: element names, #ids, .classes, attribute tests,
	// pseudo-classes and combinators; never sentence punctuation.
	cssSelector = regexp.MustCompile(`^[\w\-#.*\[\]=:"'()>+~^$|@%!/, ]+$`)
	cssProperty = regexp.MustCompile(`^(?:--[\w-]+|-?[a-z][a-z-]*)\s*:\s*\S`)
	cssAtRule   = regexp.MustCompile(`^@(?:media|supports|font-face|page|keyframes|-webkit-keyframes|layer|container)\b`)
)

// isCSSLine: the line is nothing but CSS rules, "sel{prop:value;} sel{…}",
// with @media-style blocks nested one level. Every rule body must be a
// list of property declarations.
func isCSSLine(s string) bool {
	rules, decls := 0, 0
	rest := strings.TrimSpace(s)
	depth := 0
	for rest != "" {
		if rest[0] == '}' && depth > 0 {
			depth--
			rest = strings.TrimSpace(rest[1:])
			continue
		}
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return false
		}
		sel := strings.TrimSpace(rest[:open])
		if !validSelector(sel) {
			return false
		}
		rest = rest[open+1:]
		if cssAtRule.MatchString(sel) {
			depth++
			rest = strings.TrimSpace(rest)
			continue
		}
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return false
		}
		n, ok := declarations(rest[:end])
		if !ok {
			return false
		}
		rules++
		decls += n
		rest = strings.TrimSpace(rest[end+1:])
	}
	return rules > 0 && decls > 0
}

func validSelector(sel string) bool {
	if sel == "" || !cssSelector.MatchString(sel) && !cssAtRule.MatchString(sel) {
		return false
	}
	// Prose has runs of words; a selector list has at most a few
	// compound selectors per comma.
	for _, part := range strings.Split(sel, ",") {
		if len(strings.Fields(part)) > 6 {
			return false
		}
	}
	return true
}

// declarations checks "prop: value; prop: value" and counts them.
func declarations(body string) (int, bool) {
	n := 0
	for _, d := range strings.Split(body, ";") {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		if !cssProperty.MatchString(d) {
			return 0, false
		}
		n++
	}
	return n, true
}

// markCSSRuns marks style sheets spread over lines:
//
//	.byline a {
//	  color: #333;
//	}
//
// A run counts only when it opens with a selector line, every line inside
// is a declaration, a nested selector or a closing brace, and the braces
// balance.
func markCSSRuns(lines []line, css []bool) {
	for i := 0; i < len(lines); i++ {
		t := lines[i].text
		if !strings.HasSuffix(t, "{") || !validSelector(strings.TrimSpace(strings.TrimSuffix(t, "{"))) {
			continue
		}
		depth, decls := 1, 0
		j := i + 1
		for ; j < len(lines) && depth > 0; j++ {
			u := lines[j].text
			switch {
			case u == "":
			case strings.Trim(u, "} ") == "":
				depth -= strings.Count(u, "}")
			case strings.HasSuffix(u, "{") && validSelector(strings.TrimSpace(strings.TrimSuffix(u, "{"))):
				depth++
			default:
				body := strings.TrimSuffix(u, "}")
				n, ok := declarations(body)
				if !ok || n == 0 {
					depth = -1 // not CSS: stop
					break
				}
				decls += n
				if body != u {
					depth--
				}
			}
			if depth < 0 {
				break
			}
		}
		if depth == 0 && decls > 0 {
			// A selector list may run over lines: ".a,\n.b {".
			start := i
			for start > 0 && strings.HasSuffix(lines[start-1].text, ",") && validSelector(lines[start-1].text) {
				start--
			}
			for k := start; k < j; k++ {
				css[k] = true
			}
			i = j - 1
		}
	}
}

var scriptTag = regexp.MustCompile(`^</?(?:script|style|noscript|iframe)\b[^>]*>(?:.*</(?:script|style|noscript|iframe)>)?$`)

var scriptPatterns = []*regexp.Regexp{
	regexp.MustCompile(`^(?:var|let|const)\s+[\w$]+\s*=.*;$`),
	regexp.MustCompile(`^!?\(?\s*(?:async\s+)?function\b\s*[\w$]*\s*\([^)]*\)\s*\{`),
	regexp.MustCompile(`^\(?\s*(?:window|document|dataLayer|googletag|gtag|ga|fbq|_gaq|_paq|jQuery|\$|console|adsbygoogle)\b[\w$.]*\s*(?:\(|\[|=|\.).*[;)}]$`),
	regexp.MustCompile(`^[})\]\s]*}[})\](;,\s]*$`),
	scriptTag,
}

var htmlTag = regexp.MustCompile(`<[!/]?[A-Za-z][^<>]*>`)

// isMarkupLine: a line of HTML tags, with a word of text at most between
// them: `<meta charset="utf-8">`, `<title>Test</title>`. "<ul> List of
// <img>" is a sentence about tags.
func isMarkupLine(s string) bool {
	if !strings.HasPrefix(s, "<") || !strings.HasSuffix(s, ">") || !htmlTag.MatchString(s) {
		return false
	}
	return len(strings.Fields(htmlTag.ReplaceAllString(s, " "))) <= 1
}

// isScriptLine: a line of JavaScript (or markup). Besides the common
// shapes of tracking and ad snippets, any line that ends like a statement
// and has code punctuation but not two plain words in a row is code:
// prose always has them.
func isScriptLine(s string) bool {
	if s == "" {
		return false
	}
	for _, re := range scriptPatterns {
		if re.MatchString(s) {
			return true
		}
	}
	if isMarkupLine(s) {
		return true
	}
	last := s[len(s)-1]
	if last != ';' && last != '{' && last != '}' {
		return false
	}
	if strings.Count(s, "(")+strings.Count(s, "{")+strings.Count(s, "=") == 0 ||
		strings.Count(s, "(")+strings.Count(s, ")")+strings.Count(s, "{")+strings.Count(s, "}")+strings.Count(s, "=")+strings.Count(s, ";") < 3 {
		return false
	}
	return wordRun(s) < 2
}

// plainWord: letters, perhaps followed by one punctuation mark, as words
// in a sentence are.
func plainWord(w string) bool {
	w = strings.TrimRight(w, ",.;:!?")
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' {
			return false
		}
	}
	return true
}
