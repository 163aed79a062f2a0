namespace PetitionFunctions.Common;

/// <summary>The words of one kind of withdraw page: the question with its button, and the answer once done.</summary>
public sealed record WithdrawTexts(LocalizedText AskTitle, LocalizedText AskText, LocalizedText Button, LocalizedText DoneTitle, LocalizedText DoneText);
