"""依申请公开: requests for government information on the case core, the outcomes and the annual table."""
