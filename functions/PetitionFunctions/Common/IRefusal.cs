namespace PetitionFunctions.Common;

/// <summary>
/// What every admin and moderation outcome's refusal says: the problem, and the fields at fault when
/// there are any. One answer is made of it (<see cref="Problems.For(IRefusal, Language)"/>).
/// </summary>
public interface IRefusal
{
    ProblemKind Problem { get; }

    FieldErrors? Errors { get; }
}
