"""WeChat and Weibo: verifying and decoding pushes, passive replies, delivery back to citizens."""
