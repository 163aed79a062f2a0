using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

/// <summary>One written part of the CSV: its number, how many signers and bytes it holds, and the SHA-256 (hex) of those bytes.</summary>
public sealed record CsvPart(int Number, int Rows, long Bytes, string Sha256);
