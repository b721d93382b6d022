package main

import (
	"archive/zip"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The EPUB carries the PDF's page numbers: a reader who cites "p. 3" of
// the offprint must find the same words after the EPUB's page 3 marker.
// For every sample and page size, each marker must stand just before the
// first words of its PDF page, and the page list must have every page.
func TestEPUBPagesMatchPDF(t *testing.T) {
	pdftotext := need(t, "pdftotext")
	// Beside the samples, an article whose pages begin in every kind of
	// block: quotes, list items, table rows, code, notes.
	structures := filepath.Join(t.TempDir(), "structures.md")
	if err := os.WriteFile(structures, []byte(structuresArticle()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, in := range append(samples(t), structures) {
		for _, size := range []string{"a4", "letter", "a5"} {
			t.Run(filepath.Base(in)+"/"+size, func(t *testing.T) {
				out := t.TempDir()
				if code, _, stderr := offprint(t, "", "export", "--pdf", "--epub", "--page-size", size, "-o", out, in); code != 0 {
					t.Fatalf("export: exit %d: %s", code, stderr)
				}
				base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
				pdf := filepath.Join(out, base+".pdf")
				pdfPages := pdfPageWords(t, pdftotext, pdf)
				list, text := epubPages(t, filepath.Join(out, base+".epub"))
				if len(list) != len(pdfPages) {
					t.Fatalf("page list has %d entries, the PDF %d pages", len(list), len(pdfPages))
				}
				for i, href := range list {
					n := i + 1
					if want := fmt.Sprintf("#page-%d", n); !strings.HasSuffix(href, want) {
						t.Errorf("page list entry %d points at %q", n, href)
					}
					after, ok := text[n]
					if !ok {
						t.Errorf("no marker for page %d", n)
						continue
					}
					want := pdfPages[i]
					k := min(len(want), 4)
					if k == 0 {
						t.Errorf("PDF page %d has no words", n)
						continue
					}
					if len(after) < k || strings.Join(after[:k], " ") != strings.Join(want[:k], " ") {
						t.Errorf("page %d: EPUB marker is followed by %q, the PDF page starts %q", n, after[:min(len(after), k+2)], want[:k])
					}
				}
			})
		}
	}
}

// structuresArticle is a long Markdown article of every block type, with
// notes, its words drawn in turn from a fixed list.
func structuresArticle() string {
	vocab := strings.Fields("typesetting measure leading justification hyphenation paragraph column gutter margin " +
		"baseline kerning ligature compositor broadsheet quire signature imposition folio recto verso colophon")
	next := 0
	sentence := func(n int) string {
		var w []string
		for range n {
			w = append(w, vocab[next%len(vocab)])
			next += 7 // coprime with the list's length: every word comes round
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	sentences := func(k, n int) string {
		var s []string
		for range k {
			s = append(s, sentence(n))
		}
		return strings.Join(s, " ")
	}
	var b strings.Builder
	b.WriteString("---\ntitle: Where Pages Begin\nauthor: Test Author\nlang: en\n---\n\n")
	for i := range 60 {
		if i%7 == 0 {
			fmt.Fprintf(&b, "## Section %d\n\n", i)
		}
		switch i % 7 {
		case 1:
			fmt.Fprintf(&b, "> %s\n>\n> — An Attribution\n\n", sentences(6, 12))
		case 2:
			for range 4 {
				fmt.Fprintf(&b, "- %s\n", sentences(3, 10))
			}
			b.WriteString("\n")
		case 3:
			b.WriteString("| A | B |\n|---|---|\n")
			for range 6 {
				fmt.Fprintf(&b, "| %s | %s |\n", sentence(8), sentence(14))
			}
			b.WriteString("\n")
		case 4:
			b.WriteString("```\n")
			for j := range 12 {
				fmt.Fprintf(&b, "code line %d with %s\n", j, sentence(6))
			}
			b.WriteString("```\n\n")
		default:
			fmt.Fprintf(&b, "%s A note call[^n%d] here.\n\n", sentences(8, 12), i)
		}
	}
	for i := range 60 {
		if i%7 == 0 || i%7 > 4 {
			fmt.Fprintf(&b, "[^n%d]: %s\n\n", i, sentences(2, 10))
		}
	}
	return b.String()
}

var folio = regexp.MustCompile(`^page \d+ of \d+$`)

// pdfPageWords is the words of each PDF page in reading order, without
// the running head (the first line from page 2 on) and the folio.
func pdfPageWords(t *testing.T, pdftotext []string, path string) [][]string {
	t.Helper()
	out, err := exec.Command(pdftotext[0], append(pdftotext[1:], "-enc", "UTF-8", path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	var res [][]string
	for i, p := range pages {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" && !folio.MatchString(l) {
				lines = append(lines, l)
			}
		}
		if i > 0 && len(lines) > 0 {
			lines = lines[1:] // the running head
		}
		res = append(res, pageWords(strings.Join(lines, " ")))
	}
	return res
}

var (
	spineRef = regexp.MustCompile(`<itemref idref="([^"]+)"`)
	noteRef  = regexp.MustCompile(`(?s)<a [^>]*epub:type="noteref"[^>]*>.*?</a>`)
	marker   = regexp.MustCompile(`<span [^>]*id="page-(\d+)"[^>]*/>`)
	tag      = regexp.MustCompile(`(?s)<[^>]*>`)
	pageLink = regexp.MustCompile(`<a href="([^"]+)">\d+</a>`)
)

// epubPages reads the EPUB's page list, and for each marker the words
// that follow it in reading order.
func epubPages(t *testing.T, path string) (list []string, after map[int][]string) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	files := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[strings.TrimPrefix(f.Name, "OEBPS/")] = string(data)
	}
	nav := files["nav.xhtml"]
	start := strings.Index(nav, `epub:type="page-list"`)
	if start < 0 {
		t.Fatal("nav.xhtml has no page-list")
	}
	pl := nav[start:]
	pl = pl[:strings.Index(pl, "</nav>")]
	for _, m := range pageLink.FindAllStringSubmatch(pl, -1) {
		list = append(list, m[1])
	}
	opf := files["content.opf"]
	var text strings.Builder
	for _, m := range spineRef.FindAllStringSubmatch(opf, -1) {
		href := regexp.MustCompile(`<item [^>]*id="` + regexp.QuoteMeta(m[1]) + `"[^>]*>`).FindString(opf)
		h := regexp.MustCompile(`href="([^"]+)"`).FindStringSubmatch(href)
		doc := files[h[1]]
		if i := strings.Index(doc, "<body"); i >= 0 {
			doc = doc[i:]
		}
		doc = noteRef.ReplaceAllString(doc, " ")
		doc = marker.ReplaceAllString(doc, " \x00$1\x00 ")
		text.WriteString(html.UnescapeString(tag.ReplaceAllString(doc, " ")))
		text.WriteString(" ")
	}
	after = map[int][]string{}
	parts := strings.Split(text.String(), "\x00")
	for i := 1; i+1 < len(parts); i += 2 {
		n, _ := strconv.Atoi(parts[i])
		var rest strings.Builder
		for _, p := range parts[i+1:] {
			if _, err := strconv.Atoi(p); err != nil { // skip the later markers' numbers
				rest.WriteString(p)
				rest.WriteString(" ")
			}
			if rest.Len() > 400 {
				break
			}
		}
		after[n] = pageWords(rest.String())
	}
	return list, after
}

// pageWords are the words to compare: as words has them, without the
// ones that are numbers alone (note calls, set apart in one format and
// not the other).
func pageWords(s string) []string {
	var out []string
	for _, w := range words(s) {
		if _, err := strconv.Atoi(w); err != nil {
			out = append(out, w)
		}
	}
	return out
}
