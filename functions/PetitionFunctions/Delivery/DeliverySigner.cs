using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

/// <summary>One confirmed signer as the target's office receives them: never an email address.</summary>
public sealed record DeliverySigner(
    string GivenName,
    string FamilyName,
    string? City,
    string? Region,
    string? PostalCode,
    string? Comment,
    DateTimeOffset SignedAt);
