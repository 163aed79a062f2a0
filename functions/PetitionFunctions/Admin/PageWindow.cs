using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Admin;

/// <summary>
/// The arithmetic of an OSDI page: which records it holds and which neighbours it links to. Page 1
/// always exists (an empty listing is one empty page); a page past the end is empty and links back.
/// </summary>
public sealed record PageWindow(int Page, int PerPage, int TotalRecords)
{
    public int TotalPages => Math.Max(1, (int)((TotalRecords + (long)PerPage - 1) / PerPage));

    public long Skip => (Page - 1L) * PerPage;

    public int Take => (int)Math.Clamp(TotalRecords - Skip, 0, PerPage);

    public int? NextPage => Page < TotalPages ? Page + 1 : null;

    public int? PreviousPage => Page > 1 ? Math.Min(Page - 1, TotalPages) : null;
}
