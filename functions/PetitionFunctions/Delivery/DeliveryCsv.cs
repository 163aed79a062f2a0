using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

/// <summary>
/// Writes confirmed signers as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads
/// accents right), RFC 4180 (every field quoted, quotes doubled, CRLF line ends), and every text
/// neutralised against formula injection once more (intake already did; this is defence in depth).
/// </summary>
/// <remarks>
/// Streamed: rows are read one at a time from an async sequence and written straight to the current
/// part's stream, hashing as they go; nothing but the row being written is held. A part is closed
/// before it would exceed <c>maxPartBytes</c> (header included) and the next one opened with the
/// header again, so each part opens on its own in a spreadsheet. A single row larger than the limit
/// still gets a part of its own.
/// </remarks>
public static class DeliveryCsv
{
    public static readonly string[] Columns = ["given_name", "family_name", "city", "region", "postal_code", "comment", "signed_at"];

    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly byte[] Header = Utf8.GetBytes(Line(Columns));

    /// <summary>Bytes every part starts with: the byte-order mark and the header line.</summary>
    public static int PreambleBytes => Bom.Length + Header.Length;

    /// <param name="openPart">Opens the stream part n (from 1) is written to; the writer disposes it when the part is done.</param>
    /// <returns>The parts, in order; one part with only the header when there are no signers.</returns>
    public static async Task<IReadOnlyList<CsvPart>> WriteAsync(
        IAsyncEnumerable<DeliverySigner> signers, long maxPartBytes, Func<int, Stream> openPart, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPartBytes, PreambleBytes + 1L, nameof(maxPartBytes));
        var parts = new List<CsvPart>();
        var buffer = new ArrayBufferWriter<byte>(1024);
        PartWriter? part = null;
        try
        {
            await foreach (var signer in signers.WithCancellation(cancellationToken))
            {
                buffer.ResetWrittenCount();
                Utf8.GetBytes(Row(signer), buffer);
                if (part is null || (part.Rows > 0 && part.Bytes + buffer.WrittenCount > maxPartBytes))
                {
                    if (part is not null) parts.Add(await part.CloseAsync(cancellationToken));
                    part = await PartWriter.OpenAsync(parts.Count + 1, openPart, cancellationToken);
                }
                await part.WriteRowAsync(buffer.WrittenMemory, cancellationToken);
            }
            part ??= await PartWriter.OpenAsync(1, openPart, cancellationToken);
            parts.Add(await part.CloseAsync(cancellationToken));
            part = null;
            return parts;
        }
        finally
        {
            if (part is not null) await part.DisposeAsync();
        }
    }

    /// <summary>A signer's CSV line, CRLF included.</summary>
    public static string Row(DeliverySigner signer) => Line(
    [
        Safe(signer.GivenName),
        Safe(signer.FamilyName),
        Safe(signer.City),
        Safe(signer.Region),
        Safe(signer.PostalCode),
        Safe(signer.Comment),
        signer.SignedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ]);

    private static string Safe(string? text) => string.IsNullOrEmpty(text) ? "" : SpreadsheetSafety.Neutralize(text.Trim('\0'));

    /// <summary>RFC 4180: each field in double quotes, a quote inside doubled; CRLF ends the record.</summary>
    private static string Line(IEnumerable<string> fields)
    {
        var line = new StringBuilder();
        foreach (var field in fields)
        {
            if (line.Length > 0) line.Append(',');
            line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return line.Append("\r\n").ToString();
    }

    private sealed class PartWriter : IAsyncDisposable
    {
        private readonly Stream _stream;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly int _number;

        private PartWriter(int number, Stream stream)
        {
            _number = number;
            _stream = stream;
        }

        public int Rows { get; private set; }
        public long Bytes { get; private set; }

        public static async Task<PartWriter> OpenAsync(int number, Func<int, Stream> openPart, CancellationToken cancellationToken)
        {
            var writer = new PartWriter(number, openPart(number));
            await writer.WriteAsync(Bom, cancellationToken);
            await writer.WriteAsync(Header, cancellationToken);
            return writer;
        }

        public async Task WriteRowAsync(ReadOnlyMemory<byte> row, CancellationToken cancellationToken)
        {
            await WriteAsync(row, cancellationToken);
            Rows++;
        }

        private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            await _stream.WriteAsync(bytes, cancellationToken);
            _hash.AppendData(bytes.Span);
            Bytes += bytes.Length;
        }

        public async Task<CsvPart> CloseAsync(CancellationToken cancellationToken)
        {
            await _stream.FlushAsync(cancellationToken);
            var part = new CsvPart(_number, Rows, Bytes, Convert.ToHexStringLower(_hash.GetHashAndReset()));
            await DisposeAsync();
            return part;
        }

        public async ValueTask DisposeAsync()
        {
            _hash.Dispose();
            await _stream.DisposeAsync();
        }
    }
}
