package search

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/store"
	"newsarchive/store/storetest"
)

// Words for the generated archive: common English words and common
// two-character Chinese words, drawn with Zipf frequencies as in real text.
var (
	enWords = strings.Fields(`the of and to in a is that for on it with as was he be by at have
from this not but had his they were are or an which one all their has been would there more
if can who will year new people said also two after first last time state government city
council police court school water power market company plan week years report public local
minister percent price home work health service support million report members officials
investigation bridge ferry harbour strike union talks pay election vote party leader budget
hospital doctors patients road traffic rail station airport flights storm flood weather
energy climate prices inflation bank interest rates business jobs workers factory trade
exports farmers crops housing rent students teachers university research scientists study
data technology internet phone software security attack military troops border peace deal
agreement law judge trial prison crime fire killed injured accident rescue emergency`)
	zhWords = strings.Fields(`我们 他们 一个 没有 中国 经济 发展 社会 工作 问题 政府 企业 市场 国家 今年 记者
表示 进行 相关 部门 推动 建设 加强 服务 管理 技术 创新 产业 项目 投资 增长 城市 农村
教育 学校 学生 医院 医疗 健康 环境 保护 能源 绿色 低碳 检测 实验室 设备 仪器 标准 质量
安全 生产 制造 出口 进口 贸易 公司 产品 消费 价格 数据 研究 科技 互联网 平台 数字 交通
铁路 公路 机场 航班 天气 暴雨 洪水 救援 事故 法院 法律 改革 政策 支持 资金 银行 金融
人民 群众 文化 旅游 体育 比赛 国际 合作 会议 领导 代表 委员 地区 全国 省份 本地 供应商
需求 升温 扩充 产线 半导体 计划 试点 扩大 传感器 农业 智慧 名单 公布 覆盖 行业 转型 升级`)
)

func zipfWords(rng *rand.Rand, vocab []string, n int, sep string) string {
	z := rand.NewZipf(rng, 1.2, 3, uint64(len(vocab)-1))
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(vocab[z.Uint64()])
		if i%12 == 11 {
			if sep == "" {
				b.WriteString("，")
			} else {
				b.WriteString(",")
			}
		}
	}
	return b.String()
}

// benchSnapshot is generated article i: even ones Chinese (about 1 500
// characters), odd ones English (about 700 words), as news stories run.
func benchSnapshot(i int) store.Snapshot {
	rng := rand.New(rand.NewSource(int64(i)))
	zh := i%2 == 0
	vocab, sep, lang, paraWords, paras := enWords, " ", "en", 70, 10
	if zh {
		vocab, sep, lang, paraWords, paras = zhWords, "", "zh-cn", 100, 8
	}
	var ps []string
	for range paras {
		ps = append(ps, zipfWords(rng, vocab, paraWords, sep))
	}
	key := fmt.Sprintf("https://news%d.example.com/%d/%06d.html", i%5, 2020+i%6, i)
	at := time.Date(2020+i%6, time.Month(1+i%12), 1+i%28, 8, 0, 0, 0, time.UTC)
	a := &article.Article{URL: key, Title: zipfWords(rng, vocab, 8, sep), Language: lang,
		Text: strings.Join(ps, "\n\n"), Description: zipfWords(rng, vocab, 20, sep),
		Authors: []string{zipfWords(rng, vocab, 2, sep)}, Source: "Example " + lang,
		Tags:        []string{vocab[rng.Intn(len(vocab))], vocab[rng.Intn(len(vocab))]},
		PublishedAt: at.Format(time.RFC3339)}
	return store.Snapshot{Key: key, URL: key, Article: a, Status: 200, FetchedAt: at.Add(time.Hour)}
}

// benchArchive builds (once per size, cached under the test cache's
// temporary folder for the process) an archive of n generated articles and
// returns it with the bytes of text it holds for the index.
func benchArchive(b *testing.B, n int) (*store.Store, int64) { return benchArchiveT(b, n) }

func benchArchiveT(b testing.TB, n int) (*store.Store, int64) {
	st, err := store.Open(filepath.Join(b.TempDir(), "archive.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var text int64
	var batch []store.Snapshot
	for i := range n {
		s := benchSnapshot(i)
		a := s.Article
		text += int64(len(a.Title) + len(a.Text) + len(a.Description) + len(a.Source) + len(strings.Join(a.Authors, "")) + len(strings.Join(a.Tags, "")))
		batch = append(batch, s)
		if len(batch) == 500 || i == n-1 {
			if _, err := st.PutMany(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return st, text
}

// BenchmarkSearch measures reindex (articles/s, CPU per article, peak
// memory), index size against the indexed text, and query latency over
// 200 mixed queries, on a generated archive half Chinese and half English.
// NEWSARCHIVE_BENCH_ARTICLES sets its size (default 2 000; the README's
// figures are for 100 000):
//
//	NEWSARCHIVE_BENCH_ARTICLES=100000 go test -run '^$' -bench Search -benchtime 1x ./search/
func BenchmarkSearch(b *testing.B) {
	n := storetest.BenchArticles(2000)
	st, textBytes := benchArchive(b, n)
	runtime.GC()
	// Reset the peak resident memory (Linux), so that it is reindex's peak
	// and not that of building the archive.
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	stopSampling := storetest.HeapPeak()
	b.ResetTimer()
	var wall time.Duration
	var cpu time.Duration
	for range b.N {
		before := cpuTime()
		start := time.Now()
		got, err := Reindex(context.Background(), st, Options{})
		wall += time.Since(start)
		cpu += cpuTime() - before
		if err != nil || got != n {
			b.Fatalf("reindex: %d, %v", got, err)
		}
	}
	b.StopTimer()
	peakHeap := stopSampling()
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(n*b.N)/wall.Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(n*b.N), "cpu-µs/article")
	b.ReportMetric(float64(storetest.PeakRSS())/(1<<20), "peak-RSS-MB")
	size := dirSize(Path(st.Path()))
	b.ReportMetric(100*float64(size)/float64(textBytes), "index-%-of-text")
	b.ReportMetric(float64(textBytes)/(1<<20), "text-MB")

	ix, err := Open(st, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	queries := benchQueries()
	var lat []time.Duration
	kindCPU := make([]time.Duration, 10)
	hits := 0
	queryCPU := cpuTime()
	for i, q := range queries {
		start, c := time.Now(), cpuTime()
		res, err := ix.Search(context.Background(), q)
		lat = append(lat, time.Since(start))
		kindCPU[i%10] += cpuTime() - c
		if err != nil {
			b.Fatalf("%+v: %v", q, err)
		}
		hits += len(res.Hits)
	}
	queryCPU = cpuTime() - queryCPU
	if hits == 0 {
		b.Fatal("no query found anything")
	}
	// CPU per query does not depend on the load as latency does (and
	// shows what running the shards at once costs).
	b.ReportMetric(float64(queryCPU.Microseconds())/1000/float64(len(queries)), "query-cpu-ms")
	// Which kind of query is slow: benchQueries cycles through ten kinds.
	for k := range 10 {
		var kl []time.Duration
		for i := k; i < len(lat); i += 10 {
			kl = append(kl, lat[i])
		}
		slices.Sort(kl)
		b.Logf("kind %d (%s): p50 %v, max %v, CPU %.1f ms a query", k, queries[k].Query, kl[len(kl)/2], kl[len(kl)-1],
			float64(kindCPU[k].Microseconds())/1000/float64(len(kl)))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "query-p95-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "query-p50-ms")
}

// benchQueries are 200 queries of the kinds people type: single words and
// phrases in both languages, field filters, date ranges, removed text.
func benchQueries() []Request {
	rng := rand.New(rand.NewSource(1))
	var content []string // no stop words
	en := newMapping().AnalyzerNamed("en")
	for _, w := range enWords {
		if len(en.Analyze([]byte(w))) > 0 {
			content = append(content, w)
		}
	}
	var out []Request
	for i := 0; len(out) < 200; i++ {
		en := content[rng.Intn(len(content))]
		en2 := content[rng.Intn(len(content))]
		zh := zhWords[rng.Intn(len(zhWords))]
		zh2 := zhWords[rng.Intn(len(zhWords))]
		var q string
		switch i % 10 {
		case 0:
			q = en
		case 1:
			q = zh
		case 2:
			q = `"` + en + " " + en2 + `"`
		case 3:
			q = `"` + zh + zh2 + `"`
		case 4:
			q = "title:" + en + " OR title:" + zh
		case 5:
			q = zh + " published:>=2023-01-01"
		case 6:
			q = en + " site:news1.example.com"
		case 7:
			q = "lang:en published:2024-03 " + en
		case 8:
			q = fmt.Sprintf("(%s OR %s) NOT %s", zh, zh2, zhWords[rng.Intn(len(zhWords))])
		case 9:
			q = "fetched:2022..2023 " + en
		}
		out = append(out, Request{Query: q, Sort: []string{"relevance", "date"}[i%2]})
	}
	return out
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}
