namespace QSim.Tests.Gpu;

/// <summary>The PTX address-space analysis on hand-written PTX: each fault it names, and the correct forms it passes.</summary>
public sealed class PtxAddressSpacesTests
{
    private static string Kernel(string body) => $$"""
        .version 8.8
        .target sm_80
        .address_size 64
        .extern .shared .align 8 .b8 __dyn_shared_alloca[];

        .visible .entry Probe(
            .param .align 8 .b8 _view[16],
            .param .b32 _flag
        )
        {
            .local .align 8 .b8 __local_depot0[64];
            .shared .align 8 .b8 __shared_alloca0[256];
            .reg .pred %p<4>;
            .reg .b32 %r<8>;
            .reg .b64 %rd<16>;
            .reg .f32 %f<4>;

        {{body}}
            ret;
        }
        """;

    private static IReadOnlyList<PtxFault> Analyze(string body) => PtxAddressSpaces.Analyze(Kernel(body));

    [Test]
    public void GenericStore_ToRawSharedAddress_IsAFault()
    {
        var faults = Analyze("""
            mov.b64 %rd1, __dyn_shared_alloca;
            add.s64 %rd2, %rd1, 16;
            st.f32 [%rd2], %f1;
        """);
        Assert.That(faults, Has.Count.EqualTo(1));
        Assert.That(faults[0].Reason, Does.StartWith("generic st").And.Contain("shared"));
    }

    [Test]
    public void GenericLoad_FromRawLocalAddress_IsAFault()
    {
        var faults = Analyze("""
            mov.b64 %rd1, __local_depot0;
            ld.f32 %f1, [%rd1+8];
        """);
        Assert.That(faults.Single().Reason, Does.StartWith("generic ld").And.Contain("local"));
    }

    [Test]
    public void GenericAccess_AfterCvta_AndSpaceQualifiedAccesses_AreFine()
    {
        var faults = Analyze("""
            mov.b64 %rd1, __shared_alloca0;
            cvta.shared.u64 %rd2, %rd1;
            st.f32 [%rd2], %f1;
            st.shared.f32 [%rd1+4], %f1;
            ld.shared.f32 %f2, [__shared_alloca0+8];
            mov.b64 %rd3, __local_depot0;
            st.local.f32 [%rd3], %f2;
            ld.param.b64 %rd4, [_view];
            cvta.to.global.u64 %rd5, %rd4;
            ld.global.f32 %f3, [%rd5];
            ld.f32 %f3, [%rd4];
        """);
        Assert.That(faults, Is.Empty, string.Join("\n", faults));
    }

    [Test]
    public void SharedAccess_ThroughAParameterPointer_IsAFault()
    {
        var faults = Analyze("""
            ld.param.b64 %rd1, [_view];
            st.shared.f32 [%rd1], %f1;
        """);
        Assert.That(faults.Single().Reason, Does.StartWith("st.shared").And.Contain("generic"));
    }

    [Test]
    public void Cvta_FromTheWrongWindow_IsAFault()
    {
        var faults = Analyze("""
            ld.param.b64 %rd1, [_view];
            cvta.shared.u64 %rd2, %rd1;
            mov.b64 %rd3, __shared_alloca0;
            cvta.to.global.u64 %rd4, %rd3;
        """);
        Assert.That(faults, Has.Count.EqualTo(2));
        Assert.That(faults[0].Reason, Does.StartWith("cvta.shared.u64 of").And.Contain("generic"));
        Assert.That(faults[1].Reason, Does.StartWith("cvta.to.global.u64 of").And.Contain("shared"));
    }

    [Test]
    public void ViewWithTwoOrigins_JoinedAtALabel_IsAFault()
    {
        // Shared on one branch, global on the other: the store after the join may hit a raw shared offset.
        var faults = Analyze("""
            ld.param.b32 %r1, [_flag];
            setp.eq.s32 %p1, %r1, 0;
            @%p1 bra.uni L_global;
            mov.b64 %rd1, __dyn_shared_alloca;
            bra.uni L_join;
        L_global:
            ld.param.b64 %rd2, [_view];
            cvta.to.global.u64 %rd1, %rd2;
        L_join:
            st.v2.f32 [%rd1], {%f1, %f2};
        """);
        Assert.That(faults.Single().Reason, Does.StartWith("generic st").And.Contain("shared"));
    }

    [Test]
    public void RegisterReused_AfterTheSharedAddressIsDead_IsFine()
    {
        // ILGPU's register allocator reuses names: only the definitions that reach an access count.
        var faults = Analyze("""
            mov.b64 %rd1, __shared_alloca0;
            st.shared.f32 [%rd1], %f1;
            ld.param.b64 %rd1, [_view];
            st.f32 [%rd1], %f1;
        L_loop:
            ld.f32 %f2, [%rd1];
            @%p1 bra.uni L_loop;
        """);
        Assert.That(faults, Is.Empty, string.Join("\n", faults));
    }
}
