package epub

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/printlayout"
)

var pageLink = regexp.MustCompile(`<a href="([a-z]+\.xhtml)#(page-\d+)">(\d+)</a>`)

// The page list names every page of the PDF at the book's page size, in
// order, each entry leading to its marker; the package says where the
// numbers come from.
func TestPageList(t *testing.T) {
	doc := richDoc(t)
	doc.Blocks = append(doc.Blocks, words(30)...)
	counts := map[string]int{}
	for _, size := range []string{"a4", "a5"} {
		t.Run(size, func(t *testing.T) {
			opt := render.Options{PageSize: size}
			pages, err := printlayout.PageMap(doc, opt)
			if err != nil {
				t.Fatal(err)
			}
			counts[size] = len(pages)
			b := unzip(t, renderDoc(t, doc, opt))
			nav := string(b.files["nav.xhtml"])
			i := strings.Index(nav, `<nav epub:type="page-list"`)
			if i < 0 {
				t.Fatal("nav.xhtml has no page-list")
			}
			list := nav[i : i+strings.Index(nav[i:], "</nav>")]
			links := pageLink.FindAllStringSubmatch(list, -1)
			if len(links) != len(pages) {
				t.Fatalf("page list has %d entries, the print layout %d pages", len(links), len(pages))
			}
			for k, l := range links {
				n := fmt.Sprint(k + 1)
				if l[3] != n || l[2] != "page-"+n {
					t.Errorf("entry %d is %q", k+1, l[0])
				}
				doc := string(b.files[l[1]])
				want := `<span epub:type="pagebreak" role="doc-pagebreak" id="page-` + n + `" aria-label="` + n + `"/>`
				if c := strings.Count(doc, `id="page-`+n+`"`); c != 1 || !strings.Contains(doc, want) {
					t.Errorf("%s has %d elements with the id page-%s, want one marker %s", l[1], c, n, want)
				}
			}
			// EPUB 2 reading systems find the pages in the NCX.
			ncx := string(b.files["toc.ncx"])
			if got := strings.Count(ncx, "<pageTarget "); got != len(pages) ||
				!strings.Contains(ncx, fmt.Sprintf(`<meta name="dtb:totalPageCount" content="%d"/>`, len(pages))) {
				t.Errorf("toc.ncx has %d page targets for %d pages", got, len(pages))
			}
			opf := string(b.files["content.opf"])
			for _, want := range []string{
				`<meta property="schema:accessibilityFeature">printPageNumbers</meta>`,
				`<dc:source id="page-source">offprint PDF, ` + printlayout.PageName(size) + ` pages</dc:source>`,
				`<meta refines="#page-source" property="source-of">pagination</meta>`,
			} {
				if !strings.Contains(opf, want) {
					t.Errorf("content.opf lacks %s", want)
				}
			}
		})
	}
	if counts["a5"] <= counts["a4"] {
		t.Errorf("%d A5 pages, %d A4 pages: the page list does not follow the page size", counts["a5"], counts["a4"])
	}
}
