using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

/// <summary>The SHA-256 (hex) of one CSV part as attached, with its size, for the office to check what it received.</summary>
public sealed record DeliveredPart(int Number, string Name, int Rows, long Bytes, string Sha256);
