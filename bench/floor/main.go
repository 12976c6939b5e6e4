// Command floor loads every URL of a list in headless Chromium with N tabs,
// waits for each page's load event and does nothing else: the floor that
// saavu's throughput is measured against (bench/crawl.sh).
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"iter"
	"os"
	"sync"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func main() {
	list := flag.String("urls", "urls.txt", "file with one URL per line")
	tabs := flag.Int("tabs", 2, "tabs loading pages at once")
	chrome := flag.String("chrome", "chromium", "Chrome executable")
	flag.Parse()
	f, err := os.Open(*list)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var urls []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if u := sc.Text(); u != "" {
			urls = append(urls, u)
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(*chrome), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(1280, 900), chromedp.Flag("disable-component-update", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	start := time.Now()
	for range *tabs {
		wg.Go(func() {
			tctx, tcancel := chromedp.NewContext(bctx)
			defer tcancel()
			if err := chromedp.Do(tctx); err != nil { // open the tab, bound to tctx
				fmt.Fprintln(os.Stderr, err)
				return
			}
			loads := chromedp.Events(tctx, page.LoadEventFired)
			next, stop := iter.Pull2(loads)
			defer stop()
			for u := range jobs {
				ctx, c := context.WithTimeout(tctx, 60*time.Second)
				_, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: u})
				if err == nil {
					_, err, _ = next() // the page's load event
				}
				c()
				if err != nil {
					mu.Lock()
					failed++
					mu.Unlock()
				}
			}
		})
	}
	for _, u := range urls {
		jobs <- u
	}
	close(jobs)
	wg.Wait()
	d := time.Since(start)
	fmt.Printf("floor: %d pages in %.1fs with %d tabs: %.2f pages/s (%d failed)\n", len(urls), d.Seconds(), *tabs, float64(len(urls))/d.Seconds(), failed)
}
