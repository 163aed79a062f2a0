using Microsoft.AspNetCore.Mvc;

namespace PetitionFunctions.Common;

/// <summary>A button that posts back to the page's own address: the only action a message page offers.</summary>
public sealed record PageButton(string FormAction, string Label);
