package lang

import (
	"strings"
	"sync"
	"testing"
)

// Short paragraphs of our own, about what this program does, one per
// language a reader is likely to hand us.
var paragraphs = []struct{ want, text string }{
	{"en", "The printer waited for the last page of the article, because the editor had promised that the corrections would arrive before the evening train left the station."},
	{"de", "Der Drucker wartete auf die letzte Seite des Artikels, weil die Redakteurin versprochen hatte, dass die Korrekturen noch vor dem Abendzug ankommen würden."},
	{"fr", "L'imprimeur attendait la dernière page de l'article, car la rédactrice avait promis que les corrections arriveraient avant le départ du train du soir."},
	{"es", "El impresor esperaba la última página del artículo, porque la editora había prometido que las correcciones llegarían antes de que saliera el tren de la tarde."},
	{"it", "Il tipografo aspettava l'ultima pagina dell'articolo, perché la redattrice aveva promesso che le correzioni sarebbero arrivate prima della partenza del treno della sera."},
	{"nl", "De drukker wachtte op de laatste pagina van het artikel, omdat de redacteur had beloofd dat de correcties zouden aankomen voordat de avondtrein vertrok."},
	{"pt", "O tipógrafo esperava a última página do artigo, porque a editora tinha prometido que as correções chegariam antes da partida do comboio da noite."},
	{"pl", "Drukarz czekał na ostatnią stronę artykułu, ponieważ redaktorka obiecała, że poprawki przyjdą jeszcze przed odjazdem wieczornego pociągu."},
	{"cs", "Tiskař čekal na poslední stránku článku, protože redaktorka slíbila, že opravy dorazí ještě před odjezdem večerního vlaku."},
	{"ru", "Печатник ждал последнюю страницу статьи, потому что редактор обещала, что исправления придут ещё до отправления вечернего поезда."},
	{"uk", "Друкар чекав на останню сторінку статті, бо редакторка пообіцяла, що виправлення надійдуть ще до відправлення вечірнього потяга."},
	{"el", "Ο τυπογράφος περίμενε την τελευταία σελίδα του άρθρου, επειδή η επιμελήτρια είχε υποσχεθεί ότι οι διορθώσεις θα έφταναν πριν φύγει το βραδινό τρένο."},
	{"ja", "印刷所の職人は記事の最後のページを待っていた。編集者が、夕方の汽車が出る前に校正が届くと約束していたからである。"},
	{"zh", "印刷工人在等待文章的最后一页，因为编辑答应过，校对稿会在晚班火车开出之前送到这里，所以大家都没有离开工作的地方。"},
	{"ko", "인쇄공은 기사의 마지막 페이지를 기다리고 있었다. 편집자가 저녁 기차가 떠나기 전에 교정지가 도착할 것이라고 약속했기 때문이다."},
	{"tr", "Matbaacı makalenin son sayfasını bekliyordu, çünkü editör düzeltmelerin akşam treni kalkmadan önce geleceğine söz vermişti."},
	{"sv", "Tryckaren väntade på artikelns sista sida, eftersom redaktören hade lovat att rättelserna skulle komma innan kvällståget gick från stationen."},
}

func TestDetectShortParagraphs(t *testing.T) {
	for _, p := range paragraphs {
		t.Run(p.want, func(t *testing.T) {
			got, ok := Detect(p.text)
			if !ok || got != p.want {
				t.Errorf("Detect = %q, %v; want %q, true", got, ok, p.want)
			}
		})
	}
}

func TestDetectUnsure(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"empty", ""},
		{"too few letters", "abc def ghi"},
		{"numbers only", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25"},
		{"placeholder Latin", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."},
		{"English then German, a chunk each", fill(paragraphs[0].text, 950) + fill(paragraphs[1].text, 950)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, ok := Detect(tc.text); ok {
				t.Errorf("Detect = %q, true; want unsure", got)
			}
		})
	}
}

// fill repeats a paragraph up to at most n runes.
func fill(p string, n int) string {
	var b strings.Builder
	for len([]rune(b.String()))+len([]rune(p))+1 <= n {
		b.WriteString(p + " ")
	}
	return b.String()
}

// Only the head of a long text is read: German after 2000 characters of
// English does not change the answer.
func TestDetectReadsTheHead(t *testing.T) {
	en := strings.Repeat(paragraphs[0].text+" ", 14)
	de := strings.Repeat(paragraphs[1].text+" ", 30)
	if got, ok := Detect(en + de); !ok || got != "en" {
		t.Errorf("Detect = %q, %v; want en, true", got, ok)
	}
}

func TestDetectConcurrentAndStable(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, len(paragraphs)*8)
	for range 8 {
		for _, p := range paragraphs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if got, _ := Detect(p.text); got != p.want {
					errs <- p.want + " came out as " + got
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestChunksKeepEveryCharacter(t *testing.T) {
	text := strings.Repeat("wörd ", 500) + "end"
	cs := chunks(text, 300)
	if strings.Join(cs, "") != text {
		t.Fatal("chunks lost or added text")
	}
	for i, c := range cs[:len(cs)-1] {
		if n := len([]rune(c)); n > 300 {
			t.Errorf("chunk %d has %d runes, more than 300", i, n)
		}
	}
}
