using Microsoft.Extensions.Options;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Confirmation;

public sealed class ConfirmationQueueShardTests
{
    private static string QueueFor(int shards, string key) =>
        new SignatureOutbox(null!, null!, null!, null!, null!, null!, Options.Create(new EmailOptions { ConfirmationQueues = shards }))
            .QueueFor(new EmailRequest("clean-water", key, Sequence: 3));

    [Fact]
    public void A_setting_out_of_range_is_taken_as_its_nearest_bound()
    {
        Assert.Equal(StorageNames.ConfirmationsQueue, SignatureOutbox.QueueFor("f1", 0));
        Assert.Equal(StorageNames.ConfirmationsQueue3, SignatureOutbox.QueueFor("f1", 9));
    }

    [Fact]
    public void One_queue_takes_every_request()
    {
        Assert.All("0123456789abcdef", digit => Assert.Equal(StorageNames.ConfirmationsQueue, QueueFor(1, digit + "77")));
    }

    [Fact]
    public void Four_queues_take_the_sixteen_partitions_four_each_and_a_signature_s_emails_keep_to_one()
    {
        var queues = "0123456789abcdef".Select(digit => QueueFor(4, digit + "5e")).ToList();

        Assert.Equal(StorageNames.ConfirmationQueues.Order(), queues.Distinct().Order());
        Assert.All(queues.GroupBy(queue => queue), group => Assert.Equal(4, group.Count()));
        Assert.Equal(QueueFor(4, "c0ffee"), QueueFor(4, "c0ffee.1234567890abcdef"));
        Assert.Equal("confirmations-2", QueueFor(4, "a1"));
    }
}
