using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using PetitionFunctions.Delivery;

namespace PetitionFunctions.Tests.Delivery;

public sealed class DeliveryCsvTests
{
    private static readonly DateTimeOffset Signed = new(2026, 11, 24, 18, 30, 0, TimeSpan.Zero);

    private static DeliverySigner Signer(string given = "Ana", string family = "Pérez", string? city = "New York", string? region = "NY",
        string? postal = "10027", string? comment = null) => new(given, family, city, region, postal, comment, Signed);

    private static async IAsyncEnumerable<DeliverySigner> Sequence(IEnumerable<DeliverySigner> signers, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var signer in signers)
        {
            await Task.Yield();
            yield return signer;
        }
    }

    /// <summary>Parts written to memory, kept for inspection.</summary>
    private sealed class Sink
    {
        public List<MemoryStream> Parts { get; } = [];
        public int Open { get; private set; }
        public int MaxOpen { get; private set; }

        public Stream OpenPart(int number)
        {
            Assert.Equal(Parts.Count + 1, number);
            var stream = new TrackingStream(this);
            Parts.Add(stream);
            MaxOpen = Math.Max(MaxOpen, ++Open);
            return stream;
        }

        /// <summary>Bytes the writer has handed to the part streams so far.</summary>
        public long Written { get; private set; }

        private sealed class TrackingStream(Sink sink) : MemoryStream
        {
            private bool _closed;

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                sink.Written += buffer.Length;
                return base.WriteAsync(buffer, cancellationToken);
            }

            protected override void Dispose(bool disposing)
            {
                if (!_closed) sink.Open--;
                _closed = true;
                // ToArray still works on a disposed MemoryStream.
                base.Dispose(disposing);
            }
        }
    }

    private static async Task<(IReadOnlyList<CsvPart> Parts, Sink Sink)> Write(IEnumerable<DeliverySigner> signers, long max = 7_000_000)
    {
        var sink = new Sink();
        var parts = await DeliveryCsv.WriteAsync(Sequence(signers), max, sink.OpenPart, CancellationToken.None);
        return (parts, sink);
    }

    private static string Text(MemoryStream part) => Encoding.UTF8.GetString(part.ToArray().AsSpan(3));

    [Fact]
    public async Task Starts_with_a_utf8_byte_order_mark_and_the_header_and_has_no_email_column()
    {
        var (parts, sink) = await Write([Signer()]);

        var bytes = sink.Parts[0].ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Text(sink.Parts[0]);
        Assert.Equal(
            "\"given_name\",\"family_name\",\"city\",\"region\",\"postal_code\",\"comment\",\"signed_at\"\r\n" +
            "\"Ana\",\"Pérez\",\"New York\",\"NY\",\"10027\",\"\",\"2026-11-24\"\r\n", text);
        Assert.DoesNotContain("email", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new CsvPart(1, 1, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), Assert.Single(parts));
    }

    [Fact]
    public async Task Quotes_every_field_and_doubles_quotes_keeping_commas_and_line_breaks_inside_one_cell()
    {
        var (_, sink) = await Write([Signer(comment: "We say \"enough\",\nand we mean it.\r\nNow", city: "Winston-Salem, NC")]);

        var row = Text(sink.Parts[0]).Split("\r\n", 2)[1];
        Assert.Equal("\"Ana\",\"Pérez\",\"Winston-Salem, NC\",\"NY\",\"10027\",\"We say \"\"enough\"\",\nand we mean it.\r\nNow\",\"2026-11-24\"\r\n", row);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"\"http://evil\"\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("'=already neutral", "'=already neutral")]
    [InlineData("Plain", "Plain")]
    public async Task Neutralises_formulas_in_every_text_column_again(string value, string cell)
    {
        var (_, sink) = await Write([new DeliverySigner(value, value, value, value, value, value, Signed)]);

        var row = Text(sink.Parts[0]).Split("\r\n", 2)[1];
        var expected = string.Join(",", Enumerable.Repeat($"\"{cell}\"", 6)) + ",\"2026-11-24\"\r\n";
        Assert.Equal(expected, row);
    }

    [Fact]
    public async Task No_signers_still_gives_one_part_with_the_header()
    {
        var (parts, sink) = await Write([]);

        var part = Assert.Single(parts);
        Assert.Equal(0, part.Rows);
        Assert.Equal(DeliveryCsv.PreambleBytes, part.Bytes);
        Assert.StartsWith("\"given_name\"", Text(sink.Parts[0]));
    }

    [Fact]
    public async Task Splits_into_numbered_parts_under_the_limit_each_with_a_header_and_a_hash_of_its_own_bytes()
    {
        var signers = Enumerable.Range(0, 100).Select(i => Signer(given: $"Signer{i:D3}")).ToList();
        var max = DeliveryCsv.PreambleBytes + 10L * DeliveryCsv.Row(signers[0]).Length + 5; // ten rows a part (ASCII rows but "Pérez")

        var (parts, sink) = await Write(signers, max);

        Assert.True(parts.Count >= 3, $"{parts.Count} parts");
        Assert.Equal(Enumerable.Range(1, parts.Count), parts.Select(p => p.Number));
        Assert.Equal(100, parts.Sum(p => p.Rows));
        for (var i = 0; i < parts.Count; i++)
        {
            var bytes = sink.Parts[i].ToArray();
            Assert.True(bytes.Length <= max, $"part {i + 1} is {bytes.Length} bytes");
            Assert.Equal(bytes.Length, parts[i].Bytes);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), parts[i].Sha256);
            var lines = Text(sink.Parts[i]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("\"given_name\"", lines[0]);
            Assert.Equal(parts[i].Rows, lines.Length - 1);
        }
        var names = sink.Parts.SelectMany(p => Text(p).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)).Select(l => l.Split(',')[0].Trim('"'));
        Assert.Equal(signers.Select(s => s.GivenName), names);
        Assert.Equal(1, sink.MaxOpen);
        Assert.Equal(0, sink.Open);
    }

    [Fact]
    public async Task A_row_larger_than_the_limit_gets_a_part_of_its_own()
    {
        var big = Signer(comment: new string('x', 2000));
        var (parts, _) = await Write([Signer(), big, Signer()], DeliveryCsv.PreambleBytes + 200);

        Assert.Equal([1, 1, 1], parts.Select(p => p.Rows));
    }

    [Fact]
    public async Task Streams_fifty_thousand_rows_without_holding_more_than_one_part()
    {
        const int rows = 50_000;
        const long max = 64 * 1024;
        var sink = new Sink();
        long produced = 0;
        var lagChecked = 0;

        async IAsyncEnumerable<DeliverySigner> Generate()
        {
            for (var i = 0; i < rows; i++)
            {
                var signer = Signer(given: $"Given{i}", family: $"Family{i}", comment: i % 7 == 0 ? $"Comment number {i}, with a comma" : null);
                // Everything produced before this row must already be in the sink, give or take one part:
                // the writer keeps no list of rows and no more than a part in flight.
                Assert.True(produced - (sink.Written - sink.Parts.Count * (long)DeliveryCsv.PreambleBytes) <= max,
                    $"the writer held {produced - sink.Written} bytes at row {i}");
                lagChecked++;
                produced += Encoding.UTF8.GetByteCount(DeliveryCsv.Row(signer));
                if (i % 1000 == 0) await Task.Yield();
                yield return signer;
            }
        }

        var parts = await DeliveryCsv.WriteAsync(Generate(), max, sink.OpenPart, CancellationToken.None);

        Assert.Equal(rows, lagChecked);
        Assert.Equal(rows, parts.Sum(p => p.Rows));
        Assert.True(parts.Count > 10, $"{parts.Count} parts");
        Assert.All(parts, p => Assert.True(p.Bytes <= max));
        Assert.Equal(1, sink.MaxOpen);
        for (var i = 0; i < parts.Count; i++)
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sink.Parts[i].ToArray())), parts[i].Sha256);
    }
}
