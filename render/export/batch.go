package export

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
)

// ArticleExts are the file extensions a folder given on the command line
// is searched for.
var ArticleExts = []string{".txt", ".md", ".markdown", ".html", ".htm"}

// Expand turns command-line arguments (files, folders, glob patterns and
// "-") into the list of inputs: folders are walked for article files,
// patterns are expanded, duplicates dropped, and the list sorted so that
// the order of the arguments never changes the outcome. Standard input,
// when given, comes last. An argument that names nothing is kept as it is,
// so that exporting it fails with a message naming it; so is a folder
// with no article in it.
func Expand(args []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	stdin := false
	add := func(p string) {
		p = filepath.Clean(p)
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			stdin = true
			continue
		}
		fi, err := os.Stat(arg)
		switch {
		case err == nil && fi.IsDir():
			found, err := walk(arg)
			if err != nil {
				return nil, err
			}
			if len(found) == 0 {
				add(arg) // reported as a folder with no article
			}
			for _, f := range found {
				add(f)
			}
		case err != nil && hasMeta(arg):
			m, gerr := filepath.Glob(arg)
			if gerr != nil {
				return nil, fmt.Errorf("bad pattern %q: %v", arg, gerr)
			}
			if len(m) == 0 {
				add(arg)
			}
			for _, f := range m {
				if st, err := os.Stat(f); err == nil && st.IsDir() {
					found, err := walk(f)
					if err != nil {
						return nil, err
					}
					for _, g := range found {
						add(g)
					}
					continue
				}
				add(f)
			}
		default:
			add(arg)
		}
	}
	sort.Strings(out)
	if stdin {
		out = append(out, "-")
	}
	return out, nil
}

func hasMeta(p string) bool { return strings.ContainsAny(p, `*?[`) }

// walk lists the article files under dir, skipping hidden files and
// folders (.git, editors' temporaries) and offprint's own temporaries.
func walk(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && IsArticle(name) {
			found = append(found, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir, unwrapPath(err))
	}
	return found, nil
}

// IsArticle says whether a file name has one of ArticleExts.
func IsArticle(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range ArticleExts {
		if ext == e {
			return true
		}
	}
	return false
}

// OutputNames gives each input the base name (no extension) of its
// outputs, so that no two inputs of one batch write the same file:
//
//   - an input whose name without extension (its stem) is unique in the
//     batch keeps it: articles/war.txt -> war;
//   - inputs sharing a stem (compared without regard to case, for
//     case-insensitive file systems) are named by their path relative to
//     the folder that holds them all, without extension, with '/' turned
//     into '-': a/index.md and b/index.md -> a-index and b-index;
//   - if that still collides (x.md and x.txt side by side), the extension
//     is kept too: x-md, x-txt;
//   - a name still taken after that gets -2, -3... in sorted input order.
//
// The result depends only on the set of inputs, never on their order, so
// every shard of a batch and every rerun names a file the same way.
// Standard input ("-") is not named here: its name comes from --name or
// its title.
func OutputNames(inputs []string) map[string]string {
	var paths []string
	seen := map[string]bool{}
	for _, in := range inputs {
		if in == "-" || seen[in] {
			continue
		}
		seen[in] = true
		paths = append(paths, in)
	}
	sort.Strings(paths)
	byStem := map[string][]string{}
	for _, p := range paths {
		k := strings.ToLower(stem(p))
		byStem[k] = append(byStem[k], p)
	}
	names := map[string]string{}
	for _, p := range paths {
		group := byStem[strings.ToLower(stem(p))]
		if len(group) == 1 {
			names[p] = stem(p)
			continue
		}
		names[p] = relName(p, group, false)
	}
	// Second pass: same folder, same stem, different extensions.
	count := map[[2]string]int{}
	key := func(p string) [2]string { return [2]string{strings.ToLower(stem(p)), strings.ToLower(names[p])} }
	for _, p := range paths {
		count[key(p)]++
	}
	for _, p := range paths {
		if count[key(p)] > 1 {
			names[p] = relName(p, byStem[strings.ToLower(stem(p))], true)
		}
	}
	// Last resort: numbered, in sorted order, so it stays deterministic.
	taken := map[string]bool{}
	for _, p := range paths {
		n := names[p]
		for i := 2; taken[strings.ToLower(n)]; i++ {
			n = fmt.Sprintf("%s-%d", names[p], i)
		}
		taken[strings.ToLower(n)] = true
		names[p] = n
	}
	return names
}

func stem(p string) string {
	b := filepath.Base(p)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// relName is p's path relative to the deepest folder holding every path
// of group, joined with '-'.
func relName(p string, group []string, keepExt bool) string {
	abs := func(s string) string {
		a, err := filepath.Abs(s)
		if err != nil {
			return filepath.Clean(s)
		}
		return a
	}
	parent := filepath.Dir(abs(group[0]))
	for _, g := range group[1:] {
		parent = commonDir(parent, filepath.Dir(abs(g)))
	}
	rel, err := filepath.Rel(parent, abs(p))
	if err != nil {
		rel = p
	}
	if !keepExt {
		rel = strings.TrimSuffix(rel, filepath.Ext(rel))
	} else if ext := filepath.Ext(rel); ext != "" {
		rel = strings.TrimSuffix(rel, ext) + "-" + strings.TrimPrefix(ext, ".")
	}
	parts := strings.FieldsFunc(filepath.ToSlash(rel), func(r rune) bool { return r == '/' })
	var kept []string
	for _, s := range parts {
		if s != "." && s != ".." {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, "-")
}

func commonDir(a, b string) string {
	for {
		if a == b || strings.HasPrefix(b, strings.TrimSuffix(a, string(filepath.Separator))+string(filepath.Separator)) {
			return a
		}
		up := filepath.Dir(a)
		if up == a {
			return a
		}
		a = up
	}
}

// Shard picks the k-th (1-based) of n slices of the inputs: every n-th
// input of the sorted list, starting with the k-th. The slices of 1/n ...
// n/n partition the list exactly, and each is the same on every machine.
func Shard(inputs []string, k, n int) []string {
	var out []string
	for i, in := range inputs {
		if i%n == k-1 {
			out = append(out, in)
		}
	}
	return out
}

// ParseShard reads "K/N" with 1 <= K <= N.
func ParseShard(s string) (k, n int, err error) {
	if _, err := fmt.Sscanf(s, "%d/%d", &k, &n); err != nil || fmt.Sprintf("%d/%d", k, n) != s || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N, e.g. 2/4", s)
	}
	return k, n, nil
}

// Batch exports inputs with up to jobs at once. names gives each input's
// output base name (see OutputNames); an input missing from it is named
// as File would name it. done, when not nil, is called once per input in
// input order, as soon as that input and all before it are finished, so
// messages come out in the same order whatever the scheduling. The
// results come back in input order too.
//
// When ctx is done (the user pressed Ctrl-C) Batch returns as soon as
// the writes already under way have finished: it does not wait for
// renders in progress, which may take a long while on a large input.
// Those go on in the background and are thrown away; nothing more is
// written, so no temporary file outlives the return. Each input not
// exported gets an error saying so.
func Batch(ctx context.Context, inputs []string, names map[string]string, opt Options, jobs int, done func(i int, r Result)) []Result {
	if jobs < 1 {
		jobs = 1
	}
	results := make([]Result, len(inputs))
	finished := make([]bool, len(inputs))
	var mu sync.Mutex
	next := 0
	closed := false // Batch has returned: workers still running report nothing
	report := func() {
		for next < len(inputs) && finished[next] {
			if done != nil {
				done(next, results[next])
			}
			next++
		}
	}
	g := &gate{}
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(jobs, len(inputs)); w++ {
		wg.Go(func() {
			for i := range work {
				if ctx.Err() != nil {
					continue // reported as interrupted below
				}
				r := fileAs(ctx, g, inputs[i], names[inputs[i]], opt)
				mu.Lock()
				if !closed {
					results[i], finished[i] = r, true
					report()
				}
				mu.Unlock()
			}
		})
	}
	all := make(chan struct{})
	go func() {
		defer close(work)
		for _, i := range largestFirst(inputs) {
			select {
			case work <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(all)
	}()
	select {
	case <-all:
	case <-ctx.Done():
		g.drain()
	}
	mu.Lock()
	defer mu.Unlock()
	closed = true
	for i := range inputs {
		if !finished[i] {
			results[i] = Result{Input: inputs[i], Err: fmt.Errorf("%s: interrupted before it was exported", DisplayName(inputs[i]))}
			finished[i] = true
		}
	}
	report()
	return results
}

// gate orders output writes against cancellation, so that an
// interrupted batch knows which writes it must wait for: once ctx is
// done no write starts, and drain waits for those already started.
type gate struct {
	mu     sync.Mutex
	active sync.WaitGroup
}

// enter says whether a write may start, and counts it until leave.
func (g *gate) enter(ctx context.Context) bool {
	if g == nil {
		return ctx.Err() == nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if ctx.Err() != nil {
		return false
	}
	g.active.Add(1)
	return true
}

func (g *gate) leave() {
	if g != nil {
		g.active.Done()
	}
}

// drain waits for the writes under way once ctx is done. Taking the lock
// first means every later enter sees ctx done, so none is missed.
func (g *gate) drain() {
	g.mu.Lock()
	g.mu.Unlock() // an empty section: a barrier against enter
	g.active.Wait()
}

// largestFirst is the order to start inputs in: biggest file first, so
// a long page is not left to run alone on one core at the end of a
// batch while the other cores idle. Equal sizes (and standard input, or
// a file that cannot be read, taken as size 0) keep their input order.
func largestFirst(inputs []string) []int {
	order := make([]int, len(inputs))
	size := make([]int64, len(inputs))
	for i, in := range inputs {
		order[i] = i
		if in == "-" {
			continue
		}
		if fi, err := os.Stat(in); err == nil {
			size[i] = fi.Size()
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[b], size[a]) })
	return order
}
