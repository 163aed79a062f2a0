using Azure.Data.Tables;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Signatures;

/// <summary>A signature row as the admin listing first reads it: its key and times only.</summary>
public sealed record SignatureListing(string Key, DateTimeOffset ReceivedAt, DateTimeOffset Modified);
